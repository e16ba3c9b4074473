using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;

namespace Alpha.Platform.Ledger;

/// <content>Runs, agent runs, steps and frames.</content>
public abstract partial class SqlLedgerStore
{
    // Reads never load inputs (they may be hundreds of megabytes): a NULL in their place, and their size from
    // inputs_chars. GetRunInputsAsync reads them, a slice at a time.
    private const string RunColumns =
        "run_id, spec_kind, spec_version_id, status, parent_run_id, experiment_id, test_id, task_id, NULL, started_at, finished_at, total_tokens, total_cost_usd, error, created_at, updated_at, inputs_chars";

    private const string AgentRunColumns =
        "agent_run_id, run_id, node, agent, agent_spec_version_id, mode, status, started_at, finished_at, input_tokens, output_tokens, cost_usd, error";

    private const string StepColumns =
        "step_id, agent_run_id, run_id, sequence, kind, name, request, response, input_tokens, output_tokens, cost_usd, latency_ms, error, created_at";

    private const string FrameColumns = "run_id, sequence, task_id, stage, message, emitted_at, extras";

    /// <inheritdoc />
    public Task<WorkflowRun> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status is not (RunStatus.Pending or RunStatus.Running))
        {
            throw new ArgumentException("A run starts pending or running.", nameof(run));
        }

        return WriteAsync(
            async (connection, transaction) =>
            {
                var table = SpecKindNames.TableName(run.SpecKind);
                if (run.ParentRunId is { } parent
                    && await ScalarAsync(connection, transaction, "SELECT 1 FROM workflow_runs WHERE run_id = @id", [("id", parent)], cancellationToken).ConfigureAwait(false) is null)
                {
                    throw new InvalidOperationException($"The parent run '{parent}' does not exist.");
                }

                if (run.InputsDigest is { ContentHash: var h } && (h.Length != 64 || !h.All(char.IsAsciiHexDigitLower)))
                {
                    throw new ArgumentException("An inputs digest is a lowercase SHA-256 hex string.", nameof(run));
                }

                var now = Time.GetUtcNow();
                var created = new WorkflowRun(
                    LedgerIds.New("run", Time),
                    run.SpecKind,
                    run.SpecVersionId,
                    run.Status,
                    run.ParentRunId,
                    string.IsNullOrWhiteSpace(run.ExperimentId) ? LedgerIds.New("exp", Time) : run.ExperimentId,
                    run.TestId,
                    run.TaskId,
                    string.IsNullOrWhiteSpace(run.Inputs) ? "{}" : Redact(run.Inputs),
                    run.Status == RunStatus.Running ? now : null,
                    null,
                    0,
                    0,
                    null,
                    now,
                    now,
                    string.IsNullOrWhiteSpace(run.Inputs) ? 2 : run.Inputs.Length);
                var stored = run.InputsDigest is { } d
                    ? $"{{\"inputs_sha256\":\"{d.ContentHash}\",\"inputs_chars\":{d.Chars.ToString(CultureInfo.InvariantCulture)},\"excerpt_in\":\"run_inputs\"}}"
                    : created.Inputs;
                // One statement: the row is inserted only if the spec version exists (no foreign key can span three
                // tables). Null values are left to the columns' defaults: an untyped null in a SELECT list would not
                // convert to every column type.
                List<(string Name, object? Value)> values =
                [
                    ("run_id", created.RunId),
                    ("spec_kind", SpecKindNames.ToName(created.SpecKind)),
                    ("spec_version_id", created.SpecVersionId),
                    ("status", LedgerNames.ToName(created.Status)),
                    ("parent_run_id", created.ParentRunId),
                    ("experiment_id", created.ExperimentId),
                    ("test_id", created.TestId),
                    ("task_id", created.TaskId),
                    ("inputs", stored),
                    ("inputs_chars", (long)created.Inputs!.Length),
                    ("inputs_hash", run.InputsDigest?.ContentHash ?? Sha256Hex(created.Inputs)),
                    ("started_at", created.StartedAt is { } s ? ToDbTimestamp(s) : null),
                    ("owner_host", run.Owner?.Host),
                    ("owner_pid", run.Owner?.ProcessId),
                    ("owner_started_at", run.Owner is { } owner ? ToDbTimestamp(owner.ProcessStartedAt) : null),
                    ("heartbeat_at", run.Owner is null ? null : ToDbTimestamp(now)),
                    ("created_at", ToDbTimestamp(now)),
                    ("updated_at", ToDbTimestamp(now)),
                ];
                values.RemoveAll(v => v.Value is null);
                if (run.InputsDigest is { } digest)
                {
                    // Big inputs: one excerpt per content, whatever the number of runs over it; the run keeps a reference.
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO run_inputs (content_hash, chars, excerpt, created_at) VALUES (@hash, @chars, @excerpt, @now) ON CONFLICT (content_hash) DO NOTHING",
                        [("hash", digest.ContentHash), ("chars", digest.Chars), ("excerpt", created.Inputs), ("now", ToDbTimestamp(now))],
                        cancellationToken).ConfigureAwait(false);
                }

                var inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    $"""
                    INSERT INTO workflow_runs ({string.Join(", ", values.Select(v => v.Name))})
                    SELECT {string.Join(", ", values.Select(v => "@" + v.Name))}
                    WHERE EXISTS (SELECT 1 FROM {table} WHERE version_id = @spec_version_id)
                    """,
                    values,
                    cancellationToken).ConfigureAwait(false);
                return inserted == 1
                    ? created
                    : throw new InvalidOperationException($"There is no {SpecKindNames.ToName(run.SpecKind)} spec version '{run.SpecVersionId}' in {table}; snapshot the spec first.");
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<WorkflowRun> AppendAsync(string runId, LedgerBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Status is RunStatus.Pending)
        {
            throw new ArgumentException("A run cannot go back to pending.", nameof(batch));
        }

        if (batch.AgentRuns.Any(a => a.RunId != runId) || batch.Steps.Any(s => s.RunId != runId) || batch.Frames.Any(f => f.RunId != runId))
        {
            throw new ArgumentException($"Every row of a batch must belong to run {runId}.", nameof(batch));
        }

        var tokens = batch.AgentRuns.Sum(a => a.InputTokens + a.OutputTokens);
        var cost = batch.AgentRuns.Sum(a => a.CostUsd is { } c ? RoundMoney(c) : 0m);
        return WriteAsync(
            async (connection, transaction) =>
            {
                // First the run row: it must still be open, and updating it first takes its row lock (PostgreSQL),
                // so concurrent batches of one run apply one after the other.
                var now = Time.GetUtcNow();
                var status = batch.Status is { } s ? LedgerNames.ToName(s) : null;
                var final = batch.Status is { } f && LedgerNames.IsFinal(f);
                var sql = $"""
                    UPDATE workflow_runs SET
                      total_tokens = total_tokens + @tokens,
                      total_cost_usd = total_cost_usd + @cost,
                      updated_at = @now
                      {(status is null ? string.Empty : ", status = @status, error = @error")}
                      {(batch.Status == RunStatus.Running ? ", started_at = COALESCE(started_at, @now)" : string.Empty)}
                      {(final ? ", finished_at = @now, started_at = COALESCE(started_at, @now)" : string.Empty)}
                    WHERE run_id = @run_id AND status IN {ActiveStatuses}
                    RETURNING {RunColumns}
                    """;
                List<(string, object?)> parameters = [("tokens", tokens), ("cost", ToDbMoney(cost)), ("now", ToDbTimestamp(now)), ("run_id", runId)];
                if (status is not null)
                {
                    parameters.Add(("status", status));
                    parameters.Add(("error", Redact(batch.Error)));
                }

                var updated = await ReadRunsAsync(connection, sql, parameters, cancellationToken, transaction).ConfigureAwait(false);
                if (updated.Count != 1)
                {
                    var current = await ScalarAsync(connection, transaction, "SELECT status FROM workflow_runs WHERE run_id = @id", [("id", runId)], cancellationToken).ConfigureAwait(false);
                    throw current is null ? new InvalidOperationException($"There is no run '{runId}'.") : new RunClosedException(runId, Convert.ToString(current, CultureInfo.InvariantCulture)!);
                }

                var inserts = new List<(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)>(batch.AgentRuns.Count + batch.Steps.Count + batch.Frames.Count);
                var insertAgentRun = $"INSERT INTO agent_runs ({AgentRunColumns}) VALUES (@agent_run_id, @run_id, @node, @agent, @agent_spec_version_id, @mode, @status, @started_at, @finished_at, @input_tokens, @output_tokens, @cost_usd, @error)";
                foreach (var a in batch.AgentRuns)
                {
                    inserts.Add((insertAgentRun,
                    [
                        ("agent_run_id", a.AgentRunId), ("run_id", a.RunId), ("node", a.Node), ("agent", a.Agent), ("agent_spec_version_id", a.AgentSpecVersionId),
                        ("mode", a.Mode), ("status", LedgerNames.ToName(a.Status)), ("started_at", ToDbTimestamp(a.StartedAt)), ("finished_at", ToDbTimestamp(a.FinishedAt)),
                        ("input_tokens", a.InputTokens), ("output_tokens", a.OutputTokens), ("cost_usd", FromMoney(a.CostUsd)), ("error", Redact(a.Error)),
                    ]));
                }

                var insertStep = $"INSERT INTO agent_run_steps ({StepColumns}) VALUES (@step_id, @agent_run_id, @run_id, @sequence, @kind, @name, @request, @response, @input_tokens, @output_tokens, @cost_usd, @latency_ms, @error, @created_at)";
                foreach (var x in batch.Steps)
                {
                    inserts.Add((insertStep,
                    [
                        ("step_id", x.StepId), ("agent_run_id", x.AgentRunId), ("run_id", x.RunId), ("sequence", x.Sequence), ("kind", x.Kind), ("name", x.Name),
                        ("request", Redact(x.Request)), ("response", Redact(x.Response)), ("input_tokens", x.InputTokens), ("output_tokens", x.OutputTokens),
                        ("cost_usd", FromMoney(x.CostUsd)), ("latency_ms", x.LatencyMs), ("error", Redact(x.Error)), ("created_at", ToDbTimestamp(x.CreatedAt)),
                    ]));
                }

                var insertFrame = $"INSERT INTO run_frames ({FrameColumns}) VALUES (@run_id, @sequence, @task_id, @stage, @message, @emitted_at, @extras)";
                foreach (var x in batch.Frames)
                {
                    inserts.Add((insertFrame,
                    [
                        ("run_id", x.RunId), ("sequence", x.Sequence), ("task_id", x.TaskId), ("stage", x.Stage), ("message", Redact(x.Message)),
                        ("emitted_at", ToDbTimestamp(x.EmittedAt)), ("extras", Redact(x.Extras)),
                    ]));
                }

                await ExecuteManyAsync(connection, transaction, inserts, cancellationToken).ConfigureAwait(false);
                return updated[0];
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkflowRun>> ListRunsAsync(int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRunsAsync(connection, $"SELECT {RunColumns} FROM workflow_runs ORDER BY created_at DESC, run_id DESC LIMIT @limit", [("limit", limit)], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RunDetail?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);

        // One read transaction, so that the run and its rows are one consistent snapshot.
        await using var transaction = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var runs = await ReadRunsAsync(connection, $"SELECT {RunColumns} FROM workflow_runs WHERE run_id = @id", [("id", runId)], cancellationToken, transaction).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return null;
        }

        var agentRuns = new List<AgentRunRecord>();
        await using (var command = Command(connection, transaction, $"SELECT {AgentRunColumns} FROM agent_runs WHERE run_id = @id ORDER BY started_at, node, agent_run_id", [("id", runId)]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                agentRuns.Add(new AgentRunRecord(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), NullableString(reader, 4), NullableString(reader, 5),
                    LedgerNames.ParseAgentRunStatus(reader.GetString(6)), ReadTimestamp(reader, 7), ReadTimestamp(reader, 8),
                    Int64(reader, 9), Int64(reader, 10), NullableMoney(reader, 11), NullableString(reader, 12)));
            }
        }

        var order = agentRuns.Select((a, i) => (a.AgentRunId, i)).ToDictionary(p => p.AgentRunId, p => p.i, StringComparer.Ordinal);
        var steps = new List<AgentRunStep>();
        await using (var command = Command(connection, transaction, $"SELECT {StepColumns} FROM agent_run_steps WHERE run_id = @id", [("id", runId)]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                steps.Add(new AgentRunStep(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), (int)Int64(reader, 3), reader.GetString(4), reader.GetString(5),
                    reader.GetString(6), NullableString(reader, 7), Int64(reader, 8), Int64(reader, 9), NullableMoney(reader, 10), reader.GetDouble(11),
                    NullableString(reader, 12), ReadTimestamp(reader, 13)));
            }
        }

        steps.Sort((a, b) => (order.GetValueOrDefault(a.AgentRunId), a.Sequence).CompareTo((order.GetValueOrDefault(b.AgentRunId), b.Sequence)));
        var frames = new List<RunFrame>();
        await using (var command = Command(connection, transaction, $"SELECT {FrameColumns} FROM run_frames WHERE run_id = @id ORDER BY sequence", [("id", runId)]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frames.Add(new RunFrame(reader.GetString(0), Int64(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTimestamp(reader, 5), reader.GetString(6)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RunDetail(runs[0], agentRuns, steps, frames);
    }

    /// <inheritdoc />
    public async Task<RunFramesPage?> ReadFramesAsync(string runId, long afterSequence, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var runs = await ReadRunsAsync(connection, $"SELECT {RunColumns} FROM workflow_runs WHERE run_id = @id", [("id", runId)], cancellationToken, transaction).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return null;
        }

        var frames = new List<RunFrame>();
        await using (var command = Command(connection, transaction, $"SELECT {FrameColumns} FROM run_frames WHERE run_id = @id AND sequence > @after ORDER BY sequence LIMIT @limit", [("id", runId), ("after", afterSequence), ("limit", limit)]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                frames.Add(new RunFrame(reader.GetString(0), Int64(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetString(4), ReadTimestamp(reader, 5), reader.GetString(6)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new RunFramesPage(runs[0], frames);
    }

    /// <inheritdoc />
    public Task<int> FailAbandonedRunsAsync(DateTimeOffset inactiveSince, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return WriteAsync(
            (connection, transaction) =>
            {
                var now = ToDbTimestamp(Time.GetUtcNow());
                return ExecuteAsync(
                    connection,
                    transaction,
                    $"UPDATE workflow_runs SET status = 'failed', error = @reason, finished_at = @now, updated_at = @now WHERE status IN {ActiveStatuses} AND updated_at < @since",
                    [("reason", reason), ("now", now), ("since", ToDbTimestamp(inactiveSince))],
                    cancellationToken);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunInputsSlice?> GetRunInputsAsync(string runId, long offset = 0, int maxChars = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            null,
            // A run over big inputs (migration 9) reads its excerpt from run_inputs; inputs_chars is the excerpt's size.
            """
            SELECT substr(COALESCE(i.excerpt, r.inputs), CAST(@start AS integer), CAST(@count AS integer)), COALESCE(r.inputs_chars, length(r.inputs))
            FROM workflow_runs r LEFT JOIN run_inputs i ON i.content_hash = r.inputs_hash
            WHERE r.run_id = @id
            """,
            [("id", runId), ("start", offset + 1), ("count", (long)maxChars)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new RunInputsSlice(reader.IsDBNull(0) ? string.Empty : reader.GetString(0), offset, Int64(reader, 1))
            : null;
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private async Task<IReadOnlyList<WorkflowRun>> ReadRunsAsync(DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        var list = new List<WorkflowRun>();
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new WorkflowRun(
                reader.GetString(0),
                SpecKindNames.Parse(reader.GetString(1)),
                reader.GetString(2),
                LedgerNames.ParseRunStatus(reader.GetString(3)),
                NullableString(reader, 4),
                reader.GetString(5),
                NullableString(reader, 6),
                NullableString(reader, 7),
                NullableString(reader, 8),
                NullableTimestamp(reader, 9),
                NullableTimestamp(reader, 10),
                Int64(reader, 11),
                ReadMoney(reader, 12),
                NullableString(reader, 13),
                ReadTimestamp(reader, 14),
                ReadTimestamp(reader, 15),
                reader.IsDBNull(16) ? null : Int64(reader, 16)));
        }

        return list;
    }

    // Every text a run stores passes through the one redactor, whichever recorder wrote it (defence in depth:
    // the analysis already works on a redacted incident).
    [return: NotNullIfNotNull(nameof(text))]
    private static string? Redact(string? text) => text is null ? null : SecretRedactor.Default.Redact(text);
}
