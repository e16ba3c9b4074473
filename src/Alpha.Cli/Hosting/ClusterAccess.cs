using System.CommandLine;
using System.Globalization;
using System.Net;
using Alpha.Cluster;
using Alpha.Platform.Ledger;

namespace Alpha.Cli.Hosting;

/// <summary>The <c>--cluster</c> option (and <c>ALPHA_CLUSTER</c>) of <c>alpha serve</c> and <c>alpha cluster</c>, and the node's ports.</summary>
internal static class ClusterAccess
{
    public const string EnvironmentVariable = "ALPHA_CLUSTER";

    public static Option<string?> CreateOption() => new("--cluster")
    {
        Description = $"Join the Orleans cluster on this PostgreSQL (connection string or postgresql:// URI; default {EnvironmentVariable}); it is also the ledger. Without it: one process.",
    };

    public static Option<int?> CreateSiloPortOption() => new("--silo-port") { Description = "Silo-to-silo port of this node (default ALPHA_SILO_PORT, else 11111)." };

    public static Option<int?> CreateGatewayPortOption() => new("--gateway-port") { Description = "Client gateway port of this node (default ALPHA_GATEWAY_PORT, else 30000)." };

    /// <summary>
    /// The cluster named by <paramref name="value"/> or ALPHA_CLUSTER; null when neither is set (one process).
    /// </summary>
    /// <exception cref="FormatException">Not a PostgreSQL location, or a bad port or address in the environment.</exception>
    public static AlphaClusterOptions? Resolve(CliContext cli, string? value, int? siloPort = null, int? gatewayPort = null)
    {
        var text = string.IsNullOrWhiteSpace(value) ? cli.Environment(EnvironmentVariable) : value;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var location = LedgerLocation.Parse(text, Directory.GetCurrentDirectory());
        if (location.Provider != "postgresql")
        {
            throw new FormatException("a cluster needs PostgreSQL (its membership, grain state and reminders live beside the ledger): give a connection string or a postgresql:// URI");
        }

        var advertise = cli.Environment("ALPHA_ADVERTISE");
        return new AlphaClusterOptions
        {
            ConnectionString = location.Target,
            ClusterId = cli.Environment("ALPHA_CLUSTER_ID") is { Length: > 0 } id ? id : "alpha",
            SiloPort = siloPort ?? Port(cli, "ALPHA_SILO_PORT", 11111),
            GatewayPort = gatewayPort ?? Port(cli, "ALPHA_GATEWAY_PORT", 30000),
            AdvertisedAddress = advertise is { Length: > 0 } a ? IPAddress.TryParse(a, out var ip) ? ip : throw new FormatException($"ALPHA_ADVERTISE: '{a}' is not an IP address") : IPAddress.Loopback,
        };
    }

    private static int Port(CliContext cli, string variable, int fallback) =>
        cli.Environment(variable) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : throw new FormatException($"{variable}: '{text}' is not a port")
            : fallback;
}
