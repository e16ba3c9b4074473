namespace Alpha.Sre.Analysis;

/// <summary>Confirmation and mitigation steps per fault type (the deterministic synthesis's playbook).</summary>
internal static class NextSteps
{
    public static IEnumerable<string> For(string? faultType, string? service)
    {
        var on = service is null ? "" : $" on {service}";
        return faultType switch
        {
            FaultTypes.Cpu => [$"Confirm: CPU usage and throttling{on}; profile the hottest code path.", $"Mitigate: scale out{on} or roll back the change that made it hot."],
            FaultTypes.Memory => [$"Confirm: memory growth, GC time and OOM kills{on}; take a heap dump.", $"Mitigate: restart or roll back{on}; raise the limit only as a stopgap."],
            FaultTypes.Disk => [$"Confirm: free space and write volume{on} (df, du on log and data paths).", "Mitigate: free or extend the volume; lower log verbosity or restore rotation."],
            FaultTypes.NetworkDelay => [$"Confirm: latency by hop{on} in traces; check timeouts and retries.", "Mitigate: restore timeouts, shed load or route around the slow hop."],
            FaultTypes.PacketLoss => [$"Confirm: connection errors and retransmits{on}.", "Mitigate: move traffic off the faulty node or network path."],
            FaultTypes.ConnectionPool => [$"Confirm: pool active/idle/wait counts{on} against the pool size.", "Mitigate: restore the previous pool size or limit, or recycle leaked connections."],
            FaultTypes.DependencyFailure => [$"Confirm: health and error rate of the dependency{on}; compare with its callers.", "Mitigate: fail over, enable the fallback path, or roll back the dependency."],
            FaultTypes.CodeException => [$"Confirm: the exception's stack traces{on} and the first release that logs them.", "Mitigate: roll back that release or turn off the feature path."],
            FaultTypes.ConfigChange => ["Confirm: diff the config against the last known good version.", "Mitigate: revert the changed keys."],
            FaultTypes.BadDeploy => [$"Confirm: errors and latency{on} split by version (old vs new pods).", $"Mitigate: roll back the deployment{on}."],
            FaultTypes.TlsCertificate => [$"Confirm: the certificate chain and expiry{on} (openssl s_client) and the trust store.", "Mitigate: renew or roll back the certificate; restore the previous trust store."],
            FaultTypes.Dns => [$"Confirm: resolve the failing names from{on} (dig, nslookup) and check the resolver.", "Mitigate: restore the DNS record or resolver; pin a known-good address as a stopgap."],
            FaultTypes.RateLimit => [$"Confirm: 429s and quota counters{on}; who is over the limit.", "Mitigate: raise the quota, shed the heaviest caller or add backoff."],
            FaultTypes.LockContention => [$"Confirm: lock waits and deadlock reports{on} (database lock views, thread dumps).", "Mitigate: kill the blocking session, roll back the change that widened the critical section."],
            FaultTypes.QueueBacklog => [$"Confirm: queue depth and consumer throughput{on}.", "Mitigate: add consumers, pause producers or drop stale work."],
            FaultTypes.ThreadPoolStarvation => [$"Confirm: pool size, busy and queued tasks{on} (thread dump).", "Mitigate: unblock the blocking calls or enlarge the pool as a stopgap."],
            FaultTypes.GcPause => [$"Confirm: GC pause times and heap occupancy{on}.", "Mitigate: restart, raise the heap or roll back the allocation-heavy change."],
            FaultTypes.ClockSkew => [$"Confirm: clock offsets{on} against NTP.", "Mitigate: resync the clocks; restart the time daemon."],
            FaultTypes.FeatureFlag => [$"Confirm: which flags changed{on} before the onset.", "Mitigate: turn the flag off."],
            _ => ["Confirm: look at the cited signals in your dashboards and logs.", "Mitigate: roll back the most recent change to the affected service."],
        };
    }
}
