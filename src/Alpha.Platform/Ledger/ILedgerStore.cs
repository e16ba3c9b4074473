using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>
/// The ledger: immutable, hash-locked spec versions and the record of every run (its agent runs, their
/// model and tool calls, and its frames). Implementations: <see cref="SqliteLedgerStore"/> (an embedded file)
/// and <see cref="PostgresLedgerStore"/> (shared by several processes or machines); one contract test suite
/// runs on both. Safe for concurrent use.
/// </summary>
public interface ILedgerStore : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    /// <summary>A description of where the ledger lives (a file path, or host/port/database without the password).</summary>
    string Location { get; }

    /// <summary>
    /// Hash-locks <paramref name="spec"/>: returns the version row holding exactly its content, creating it
    /// (with the next version number of that name) only when no row has that spec_hash. Concurrent calls with
    /// the same content, from any number of tasks or processes, create one row.
    /// </summary>
    Task<SpecSnapshot> SnapshotAsync(Spec spec, CancellationToken cancellationToken = default);

    /// <summary>Every spec (all kinds), with its latest version, by kind and name.</summary>
    Task<IReadOnlyList<SpecSummary>> ListSpecsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of the spec <paramref name="name"/> of <paramref name="kind"/>, oldest first (empty when unknown).</summary>
    Task<IReadOnlyList<SpecVersion>> GetSpecVersionsAsync(SpecKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>A version row by its id; null when there is none.</summary>
    Task<SpecVersion?> GetSpecVersionAsync(SpecKind kind, string versionId, CancellationToken cancellationToken = default);

    /// <summary>Opens a run of a locked spec version. Every run gets an experiment id (generated when not given).</summary>
    /// <exception cref="InvalidOperationException">The spec version or the parent run does not exist.</exception>
    Task<WorkflowRun> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="batch"/> to a pending or running run in one transaction and refreshes the run's
    /// totals and heartbeat. Nothing is written if any part fails. Returns the run as updated.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run does not exist or has already finished.</exception>
    Task<WorkflowRun> AppendAsync(string runId, LedgerBatch batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads <paramref name="maxChars"/> characters of a run's inputs from <paramref name="offset"/> on (listings and run
    /// details never load inputs, which may be very large); null when there is no such run.
    /// </summary>
    Task<RunInputsSlice?> GetRunInputsAsync(string runId, long offset = 0, int maxChars = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>The most recent runs, newest first (without their inputs).</summary>
    Task<IReadOnlyList<WorkflowRun>> ListRunsAsync(int limit = 50, CancellationToken cancellationToken = default);

    /// <summary>A filtered page of runs, newest first (without their inputs); see <see cref="RunQuery"/>.</summary>
    Task<IReadOnlyList<WorkflowRun>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>A run (without its inputs) with its agent runs, steps and frames; null when there is no such run.</summary>
    Task<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks failed every pending or running run whose last write is older than <paramref name="inactiveSince"/>
    /// (its process died mid-run), with <paramref name="reason"/> as the error. Returns how many.
    /// </summary>
    Task<int> FailAbandonedRunsAsync(DateTimeOffset inactiveSince, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renews the heartbeat of an open run (its recording process is alive). False when the run is no longer open
    /// (it finished, or another process closed it).
    /// </summary>
    Task<bool> HeartbeatAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The pending or running runs whose last write is older than <paramref name="inactiveSince"/>, with their owner and heartbeat, oldest first.</summary>
    Task<IReadOnlyList<ActiveRun>> ListActiveRunsAsync(DateTimeOffset inactiveSince, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks one run failed with <paramref name="reason"/> if it is still open, its last write is still older than
    /// <paramref name="inactiveSince"/> and (when <paramref name="heartbeatBefore"/> is given) its heartbeat is older
    /// than that or absent. Checked in the update itself, so a run renewed in between stays open. True when marked.
    /// </summary>
    Task<bool> AbandonRunAsync(string runId, DateTimeOffset inactiveSince, DateTimeOffset? heartbeatBefore, string reason, CancellationToken cancellationToken = default);
}
