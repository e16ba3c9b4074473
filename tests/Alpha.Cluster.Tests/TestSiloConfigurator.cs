using Alpha.Cluster.Hosting;
using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Alpha.Cluster.Tests;

/// <summary>Makes each test silo an Alpha node on the test's PostgreSQL ledger, its models behind the test's gate.</summary>
public sealed class TestSiloConfigurator : ISiloConfigurator, IClientBuilderConfigurator
{
    public const string LedgerKey = "AlphaLedger";
    public const string TestKey = "AlphaTest";
    public const string ClusterKey = "AlphaClusterId";
    public const string MaxAttemptsKey = "AlphaMaxAttempts";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connection = siloBuilder.Configuration[LedgerKey]!;
        var gate = ModelGate.For(siloBuilder.Configuration[TestKey]!);
        // Orleans builds silos synchronously; each node opens its own ledger connection (already migrated by the test).
        var ledger = PostgresLedgerStore.OpenAsync(connection).GetAwaiter().GetResult();
        siloBuilder.UseAlphaCluster(
            // A 2-second schedule reminder (1 minute in production): a lost schedule comes back within a test's patience.
            new AlphaClusterOptions { ConnectionString = connection, ClusterId = siloBuilder.Configuration[ClusterKey]!, ServiceId = "alpha-tests", ScheduleTick = TimeSpan.FromSeconds(2) },
            new ClusterRuntimeOptions { Ledger = ledger, ModelClients = _ => new GatedChatClient(gate), MaxAttempts = int.Parse(siloBuilder.Configuration[MaxAttemptsKey]!, System.Globalization.CultureInfo.InvariantCulture) },
            endpoints: false);
    }

    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansConnection.Invariant;
            o.ConnectionString = OrleansConnection.For(configuration[LedgerKey]!);
        });
}
