namespace Alpha.Cli.Hosting;

/// <summary>The process exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job.</summary>
    public const int Ok = 0;

    /// <summary>Something failed inside Alpha (a bug or an infrastructure failure).</summary>
    public const int Failure = 1;

    /// <summary>The input was unusable (missing file, bad JSON, a broken schema rule).</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
