namespace Alpha.Platform.Ledger;

/// <summary>
/// A write to a run that has already finished: typically another process (<c>runs recover</c>) closed it while its
/// recording process was still working. The recording process keeps its result; the ledger keeps the first outcome.
/// </summary>
public sealed class RunClosedException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="runId"/>, now <paramref name="status"/>.</summary>
    public RunClosedException(string runId, string status)
        : base($"Run '{runId}' is {status}; a finished run cannot be written to.")
    {
        RunId = runId;
        Status = status;
    }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>Its final status, as stored.</summary>
    public string Status { get; }
}
