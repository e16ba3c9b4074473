using Alpha.Cluster.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alpha.Cluster.Hosting;

/// <summary>
/// This process as a node of the cluster: an Orleans silo (its own generic host, beside the web server) whose
/// membership, grain state and reminders live in the ledger's PostgreSQL. Dispose stops it: its runs in flight are
/// killed (<c>killed by node shutdown</c>) and recorded before the silo leaves.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterNode(IHost host, AlphaClusterOptions options)
    {
        _host = host;
        Executor = host.Services.GetRequiredService<RunExecutor>();
        Gateway = new ClusterGateway(host.Services.GetRequiredService<IGrainFactory>(), Executor.Ledger, options.ClusterId, Executor.Time);
    }

    /// <summary>What hosts ask of the cluster (dispatch, kill, status).</summary>
    public ClusterGateway Gateway { get; }

    /// <summary>This node's runs.</summary>
    public RunExecutor Executor { get; }

    /// <summary>This node's silo address.</summary>
    public string Silo => Executor.Silo;

    /// <summary>Starts the silo and returns once it has joined the cluster.</summary>
    public static async Task<ClusterNode> StartAsync(AlphaClusterOptions cluster, ClusterRuntimeOptions runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(runtime);
        cluster.Validate();
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton<IHostLifetime, ExternalLifetime>())
            .UseOrleans(silo => silo.UseAlphaCluster(cluster, runtime))
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

        return new ClusterNode(host, cluster);
    }

    /// <summary>Kills this node's runs (recorded as cancelled) and leaves the cluster.</summary>
    public async ValueTask DisposeAsync()
    {
        Executor.KillAll("node shutdown");
        await Executor.WhenIdleAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }
}
