using Alpha.Platform.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Alpha.Cluster.Hosting;

/// <summary>
/// A process that is not a node (e.g. <c>alpha cluster status</c>) talking to the cluster as an Orleans client: it finds
/// the nodes' gateways in the membership table on the ledger's PostgreSQL.
/// </summary>
public sealed class ClusterClientConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientConnection(IHost host, ILedgerStore ledger, string clusterId)
    {
        _host = host;
        Gateway = new ClusterGateway(host.Services.GetRequiredService<IClusterClient>(), ledger, clusterId);
    }

    /// <summary>What the client asks of the cluster.</summary>
    public ClusterGateway Gateway { get; }

    /// <summary>Connects to the cluster; fails when no node is up.</summary>
    public static async Task<ClusterClientConnection> ConnectAsync(AlphaClusterOptions cluster, ILedgerStore ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(ledger);
        var connection = OrleansConnection.For(cluster.ConnectionString);
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, ExternalLifetime>())
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = OrleansConnection.Invariant;
                    o.ConnectionString = connection;
                });
                client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
            })
            .Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterClientConnection(host, ledger, cluster.ClusterId);
    }

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }
}
