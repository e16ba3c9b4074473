namespace Alpha.Sre;

/// <summary>
/// The fault taxonomy hypotheses are labelled with (docs/fault-taxonomy.md). Mechanisms say what broke;
/// change types say what triggered it.
/// </summary>
public static class FaultTypes
{
    /// <summary>CPU saturation or contention.</summary>
    public const string Cpu = "cpu";

    /// <summary>Memory growth, leak or exhaustion.</summary>
    public const string Memory = "memory";

    /// <summary>Disk full or disk I/O saturation.</summary>
    public const string Disk = "disk";

    /// <summary>Added network latency or slow responses.</summary>
    public const string NetworkDelay = "network-delay";

    /// <summary>Lost packets or refused/reset connections.</summary>
    public const string PacketLoss = "packet-loss";

    /// <summary>A connection pool (database, HTTP) exhausted.</summary>
    public const string ConnectionPool = "connection-pool";

    /// <summary>A dependency (downstream service, database, third party) failing or timing out.</summary>
    public const string DependencyFailure = "dependency-failure";

    /// <summary>Errors thrown by the service's own code.</summary>
    public const string CodeException = "code-exception";

    /// <summary>A TLS handshake or certificate failure (expired, untrusted, wrong name).</summary>
    public const string TlsCertificate = "tls-certificate";

    /// <summary>Name resolution failing (NXDOMAIN, SERVFAIL, unknown host).</summary>
    public const string Dns = "dns";

    /// <summary>Requests rejected by a rate limit or quota (429, throttled).</summary>
    public const string RateLimit = "rate-limit";

    /// <summary>Lock contention or deadlock (database or in-process locks).</summary>
    public const string LockContention = "lock-contention";

    /// <summary>A queue or backlog growing faster than it drains (full queues, consumer lag).</summary>
    public const string QueueBacklog = "queue-backlog";

    /// <summary>A worker or thread pool with no free threads (rejected or waiting tasks).</summary>
    public const string ThreadPoolStarvation = "thread-pool-starvation";

    /// <summary>Long garbage-collection pauses (stop-the-world) stalling requests.</summary>
    public const string GcPause = "gc-pause";

    /// <summary>Clocks disagreeing between hosts (tokens, leases, ordering).</summary>
    public const string ClockSkew = "clock-skew";

    /// <summary>A feature flag turned on a faulty path.</summary>
    public const string FeatureFlag = "feature-flag";

    /// <summary>A configuration change.</summary>
    public const string ConfigChange = "config-change";

    /// <summary>A deployment or commit that introduced the fault.</summary>
    public const string BadDeploy = "bad-deploy";

    /// <summary>Human-readable label stem of a fault type, used in hypothesis labels.</summary>
    public static string Describe(string faultType) => faultType switch
    {
        Cpu => "CPU saturation",
        Memory => "memory exhaustion",
        Disk => "disk exhaustion",
        NetworkDelay => "network delay",
        PacketLoss => "packet loss",
        ConnectionPool => "connection pool exhaustion",
        DependencyFailure => "dependency failure",
        CodeException => "code exception",
        TlsCertificate => "TLS/certificate failure",
        Dns => "DNS resolution failure",
        RateLimit => "rate limiting",
        LockContention => "lock contention",
        QueueBacklog => "queue backlog",
        ThreadPoolStarvation => "thread-pool starvation",
        GcPause => "GC pauses",
        ClockSkew => "clock skew",
        FeatureFlag => "bad feature flag",
        ConfigChange => "bad config change",
        BadDeploy => "bad deploy",
        _ => faultType,
    };

    /// <summary>The canonical hypothesis label for a fault type on a service, shared by every agent so that agreement is recognised.</summary>
    public static string Label(string faultType, string? service) =>
        service is null ? Describe(faultType) : $"{Describe(faultType)} in {service}";
}
