namespace Alpha.Cli.Hosting;

/// <summary>The process exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job.</summary>
    public const int Ok = 0;

    /// <summary>Something failed inside Alpha (a bug or an infrastructure failure).</summary>
    public const int Failure = 1;

    /// <summary>The input or the command line was unusable (missing file, bad JSON, a broken schema rule, an unknown option, a value that does not parse).</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (SIGINT, Ctrl+C): 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>Terminated (SIGTERM): 128 + 15.</summary>
    public const int Terminated = 143;

    /// <summary>The exit code for a command stopped by <paramref name="signal"/>.</summary>
    public static int ForSignal(System.Runtime.InteropServices.PosixSignal signal) =>
        signal == System.Runtime.InteropServices.PosixSignal.SIGTERM ? Terminated : Cancelled;
}
