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
            _ => ["Confirm: look at the cited signals in your dashboards and logs.", "Mitigate: roll back the most recent change to the affected service."],
        };
    }
}
