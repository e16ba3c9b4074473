using Microsoft.Extensions.Hosting;

namespace Alpha.Server;

/// <summary>
/// The host's lifetime without its own signal handlers: the process that hosts the server owns SIGINT/SIGTERM (the CLI's
/// TerminationSignals) and stops the host through the token given to <see cref="AlphaServer.RunAsync"/>.
/// </summary>
internal sealed class ServerLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
