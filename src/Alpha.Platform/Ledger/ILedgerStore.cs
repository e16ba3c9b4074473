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
    /// The run (without inputs) and up to <paramref name="limit"/> of its frames with a sequence above
    /// <paramref name="afterSequence"/>, read in one snapshot (so a final run's page ends with its last frames); null when
    /// there is no such run. For following a run as it goes (<c>alpha runs tail</c>) without re-reading what was read.
    /// </summary>
    Task<RunFramesPage?> ReadFramesAsync(string runId, long afterSequence, int limit = 1000, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// Asks for run <paramref name="runId"/> to be killed: an open run gets a kill request (the first requester is kept),
    /// which the process running it reads (<see cref="ListKillRequestsAsync"/>) and acts on. A finished or unknown run is
    /// left alone; the result says which.
    /// </summary>
    Task<KillRequestResult> RequestKillAsync(string runId, string requestedBy, CancellationToken cancellationToken = default);

    /// <summary>Asks for every open run to be killed (one statement: all runs open at that moment). Returns their ids.</summary>
    Task<IReadOnlyList<string>> RequestKillAllAsync(string requestedBy, CancellationToken cancellationToken = default);

    /// <summary>The kill requests of runs still open (a request ends with its run).</summary>
    Task<IReadOnlyList<KillRequest>> ListKillRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>True when <see cref="NextKillSignalAsync"/> signals new kill requests (PostgreSQL LISTEN/NOTIFY); false when readers must poll.</summary>
    bool SignalsKillRequests { get; }

    /// <summary>
    /// Completes when a kill request is committed by any process after this call (PostgreSQL: NOTIFY alpha_kill_requests;
    /// also after the listening connection was re-established, since a signal may have been missed). A store that cannot
    /// signal returns a task that only ends when <paramref name="cancellationToken"/> is cancelled. Call it before reading
    /// the requests, so that nothing committed after the read is missed.
    /// </summary>
    Task NextKillSignalAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims the fire of <paramref name="schedule"/> at <paramref name="scheduledAt"/> by inserting its schedule_fires row.
    /// True when this call inserted it (the caller dispatches it); false when any scheduler, in this or another process,
    /// claimed it before (the row's key is (schedule, scheduled_at)): a fire is dispatched at most once.
    /// </summary>
    Task<bool> ClaimScheduleFireAsync(string schedule, DateTimeOffset scheduledAt, string workflow, string? specVersionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ClaimScheduleFireAsync(string, DateTimeOffset, string, string?, CancellationToken)"/>, the row naming
    /// <paramref name="claimedBy"/> as its claimant instead of this process (<c>host/pid</c>): a cluster's nodes name the
    /// cluster, so that a node adopts only the claims of its cluster (never a single-process scheduler's).
    /// </summary>
    Task<bool> ClaimScheduleFireAsync(string schedule, DateTimeOffset scheduledAt, string workflow, string? specVersionId, string claimedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a claimed or running fire on: to running with the run it dispatched, or to a final status (with its run,
    /// when one was created, and <paramref name="reason"/> when it did not complete). False when the fire is unknown or already final.
    /// </summary>
    Task<bool> UpdateScheduleFireAsync(string schedule, DateTimeOffset scheduledAt, ScheduleFireStatus status, string? runId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>The scheduled time of the latest fire of <paramref name="schedule"/> ever claimed; null when none.</summary>
    Task<DateTimeOffset?> GetLastScheduleFireAsync(string schedule, CancellationToken cancellationToken = default);

    /// <summary>The latest fires (of one schedule, or of all), latest scheduled time first.</summary>
    Task<IReadOnlyList<ScheduleFire>> ListScheduleFiresAsync(string? schedule = null, int limit = 50, CancellationToken cancellationToken = default);
}
