namespace Alpha.Platform.Ledger;

/// <content>Filtered, paged run listings.</content>
public abstract partial class SqlLedgerStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowRun>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var where = new List<string>();
        var parameters = new List<(string Name, object? Value)> { ("limit", query.Limit) };
        if (query.Status is { } status)
        {
            where.Add("status = @status");
            parameters.Add(("status", LedgerNames.ToName(status)));
        }

        if (query.ExperimentId is { } experiment)
        {
            where.Add("experiment_id = @experiment");
            parameters.Add(("experiment", experiment));
        }

        if (query.TaskId is { } task)
        {
            where.Add("task_id = @task");
            parameters.Add(("task", task));
        }

        if (query.Before is { } before)
        {
            // Keyset paging on the listing's own order (created_at, run_id): stable while new runs arrive.
            where.Add("(created_at, run_id) < (SELECT created_at, run_id FROM workflow_runs WHERE run_id = @before)");
            parameters.Add(("before", before));
        }

        var filter = where.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", where);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRunsAsync(connection, $"SELECT {RunColumns} FROM workflow_runs {filter} ORDER BY created_at DESC, run_id DESC LIMIT @limit", parameters, cancellationToken).ConfigureAwait(false);
    }
}
