using Alpha.Cluster.Failover;
using Alpha.Cluster.Runs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Alpha.Cluster.Hosting;

/// <summary>Makes an Orleans silo an Alpha node: ADO.NET clustering, grain state and reminders on the ledger's PostgreSQL; the run grains and their executor; the takeover of lost nodes' runs.</summary>
public static class ClusterSiloExtensions
{
    /// <summary>
    /// Configures <paramref name="silo"/> as a node of the cluster <paramref name="cluster"/> describes, running
    /// workflows with <paramref name="runtime"/>. With <paramref name="endpoints"/> false the caller sets the endpoints
    /// (Orleans' test cluster does).
    /// </summary>
    public static ISiloBuilder UseAlphaCluster(this ISiloBuilder silo, AlphaClusterOptions cluster, ClusterRuntimeOptions runtime, bool endpoints = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(runtime);
        cluster.Validate();
        var connection = OrleansConnection.For(cluster.ConnectionString);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        if (endpoints)
        {
            silo.ConfigureEndpoints(cluster.AdvertisedAddress, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansConnection.Invariant;
            o.ConnectionString = connection;
        });
        silo.AddAdoNetGrainStorage(ClusterNames.Storage, o =>
        {
            o.Invariant = OrleansConnection.Invariant;
            o.ConnectionString = connection;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = OrleansConnection.Invariant;
            o.ConnectionString = connection;
        });
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = cluster.ScheduleTick < o.MinimumReminderPeriod ? cluster.ScheduleTick : o.MinimumReminderPeriod);
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
        if (cluster.FastFailureDetection)
        {
            // RECIPES (Orleans 10.4.2, 3 silos, this machine): a SIGKILLed silo is declared dead in 0.7-0.9 s with these.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 2;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            });
        }

        silo.Services.AddSingleton(cluster);
        silo.Services.AddSingleton(runtime);
        silo.Services.AddSingleton<RunExecutor>();
        silo.Services.AddHostedService<SiloLossWatcher>();
        return silo;
    }
}
