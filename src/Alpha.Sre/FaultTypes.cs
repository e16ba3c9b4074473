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
        ConfigChange => "bad config change",
        BadDeploy => "bad deploy",
        _ => faultType,
    };

    /// <summary>The canonical hypothesis label for a fault type on a service, shared by every agent so that agreement is recognised.</summary>
    public static string Label(string faultType, string? service) =>
        service is null ? Describe(faultType) : $"{Describe(faultType)} in {service}";
}
