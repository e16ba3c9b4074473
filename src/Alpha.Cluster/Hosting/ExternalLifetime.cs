using Microsoft.Extensions.Hosting;

namespace Alpha.Cluster.Hosting;

/// <summary>The node's host is started and stopped by its owner (the CLI handles SIGINT and SIGTERM itself): no console lifetime.</summary>
internal sealed class ExternalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
