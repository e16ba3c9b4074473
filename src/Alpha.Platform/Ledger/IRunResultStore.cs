namespace Alpha.Platform.Ledger;

/// <summary>
/// What a finished run returned, kept in the ledger (<c>run_results</c>, schema version 8): a workflow run's node
/// outputs (<see cref="Outputs"/>) or an analysis's report (<see cref="Result"/>), as JSON. Written once after the run
/// closes; rows are never updated or deleted. Implemented by both ledger stores.
/// </summary>
public interface IRunResultStore
{
    /// <summary>The kind of a workflow run's node outputs (a JSON object, node id to text).</summary>
    const string Outputs = "outputs";

    /// <summary>The kind of an analysis run's report (the execution result).</summary>
    const string Result = "result";

    /// <summary>Stores <paramref name="json"/> as the <paramref name="kind"/> of run <paramref name="runId"/>; false when that run already has one (kept as it was).</summary>
    /// <exception cref="InvalidOperationException">The run does not exist.</exception>
    Task<bool> SaveRunResultAsync(string runId, string kind, string json, CancellationToken cancellationToken = default);

    /// <summary>The results of run <paramref name="runId"/> by kind (empty when none was kept).</summary>
    Task<IReadOnlyDictionary<string, string>> GetRunResultsAsync(string runId, CancellationToken cancellationToken = default);
}
