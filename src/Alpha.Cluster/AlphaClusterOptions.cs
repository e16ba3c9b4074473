using System.Net;

namespace Alpha.Cluster;

/// <summary>How one Alpha node joins the cluster. Validated by <see cref="Validate"/> before the silo starts.</summary>
public sealed class AlphaClusterOptions
{
    /// <summary>The ledger's Npgsql connection string: membership, grain state and reminders live in the Orleans schema beside it (ledger migration 7).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Orleans' cluster id: nodes with the same id (and connection) form one cluster (default <c>alpha</c>).</summary>
    public string ClusterId { get; init; } = "alpha";

    /// <summary>Orleans' service id: the key of grain state and reminders (default <c>alpha</c>).</summary>
    public string ServiceId { get; init; } = "alpha";

    /// <summary>The address other nodes reach this one on (default loopback).</summary>
    public IPAddress AdvertisedAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Silo-to-silo port (default 11111).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port (default 30000).</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>
    /// How long a grain call waits for its answer (default 10 s; Orleans' own is 30 s). A call in flight to a node that
    /// dies waits this long at most, so it bounds how late a caller learns of the loss; 5 s was too short for a dispatch
    /// (ledger locking included) on a 2-core machine at load 20.
    /// </summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Failure detection tuned for a LAN (RECIPES: a SIGKILLed node declared dead in 0.7-0.9 s on this machine): probe
    /// every second, two missed probes and two votes declare a node dead. False: Orleans' defaults (~6-7 s).
    /// </summary>
    public bool FastFailureDetection { get; init; } = true;

    /// <summary>How many times a run lost with its node is started again elsewhere before it is marked failed (default 3 starts in all).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// The period of every schedule's Orleans reminder (default 1 minute, Orleans' own minimum): the durable wake-up that
    /// brings a schedule back on a live node after its node is lost. Fires themselves come from a timer at each
    /// occurrence while the schedule's grain is active (and at once when a node is lost), so this bounds only how late a
    /// schedule resumes when every wake-up else was missed.
    /// </summary>
    public TimeSpan ScheduleTick { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("cluster: a PostgreSQL connection string is required (--cluster or ALPHA_CLUSTER)", nameof(ConnectionString));
        }

        if (SiloPort is < 1 or > 65535 || GatewayPort is < 1 or > 65535 || SiloPort == GatewayPort)
        {
            throw new ArgumentException($"cluster: silo port {SiloPort} and gateway port {GatewayPort} must be two different ports from 1 to 65535", nameof(SiloPort));
        }

        if (ScheduleTick < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"cluster: the schedule tick must be at least a second, not {ScheduleTick}", nameof(ScheduleTick));
        }

        if (ResponseTimeout <= TimeSpan.Zero || MaxAttempts < 1)
        {
            throw new ArgumentException("cluster: the response timeout must be positive and at least one attempt allowed", nameof(ResponseTimeout));
        }
    }
}
