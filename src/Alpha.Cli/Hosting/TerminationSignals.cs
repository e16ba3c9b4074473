using System.Runtime.InteropServices;

namespace Alpha.Cli.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM for the whole process: the first one cancels <see cref="Token"/>, so a running
/// analysis stops through its token and is recorded <c>cancelled</c> with its frames; a second one terminates the
/// process at once (the runtime's default), for a command that does not stop. Replaces System.CommandLine's own
/// handler, which exits after a fixed two seconds whether or not the run was recorded.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public TerminationSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Received => Volatile.Read(ref _received) switch
    {
        0 => null,
        var s => (PosixSignal)s,
    };

    /// <summary>
    /// The process exit code: a command that stopped because of a signal (<see cref="ExitCodes.Cancelled"/>) exits
    /// 128 + the signal's number, as shells do (130 for SIGINT, 143 for SIGTERM); any other code is kept.
    /// </summary>
    public static int ExitCode(int commandExitCode, PosixSignal? received) =>
        commandExitCode == ExitCodes.Cancelled && received is { } signal ? ExitCodes.ForSignal(signal) : commandExitCode;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) != 0)
        {
            // The second signal: let the runtime terminate the process.
            return;
        }

        context.Cancel = true;
        _cancellation.Cancel();
    }
}
