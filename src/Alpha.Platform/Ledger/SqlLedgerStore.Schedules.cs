using System.Data.Common;
using Alpha.Runtime.Schemas;

namespace Alpha.Platform.Ledger;

/// <content>Schedule fires: claimed by inserting their row (the unique key decides who runs a fire), then linked to their run.</content>
public abstract partial class SqlLedgerStore
{
    private const string FireColumns = "schedule, scheduled_at, workflow, spec_version_id, status, run_id, claimed_by, claimed_at, finished_at, error";

    /// <inheritdoc />
    public Task<bool> ClaimScheduleFireAsync(string schedule, DateTimeOffset scheduledAt, string workflow, string? specVersionId, CancellationToken cancellationToken = default) =>
        ClaimScheduleFireAsync(schedule, scheduledAt, workflow, specVersionId, $"{RunOwner.Current.Host}/{RunOwner.Current.ProcessId}", cancellationToken);

    /// <inheritdoc />
    public Task<bool> ClaimScheduleFireAsync(string schedule, DateTimeOffset scheduledAt, string workflow, string? specVersionId, string claimedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        ArgumentException.ThrowIfNullOrWhiteSpace(workflow);
        ArgumentException.ThrowIfNullOrWhiteSpace(claimedBy);
        return WriteAsync(
            async (connection, transaction) =>
            {
                // ON CONFLICT DO NOTHING: a fire another scheduler (this process or any other) claimed first inserts
                // nothing; the affected row count says who won.
                var inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO schedule_fires ({FireColumns}) VALUES (@schedule, @at, @workflow, @version, 'claimed', NULL, @by, @now, NULL, NULL) ON CONFLICT (schedule, scheduled_at) DO NOTHING",
                    [("schedule", schedule), ("at", ToDbTimestamp(scheduledAt)), ("workflow", workflow), ("version", specVersionId), ("by", claimedBy), ("now", ToDbTimestamp(Time.GetUtcNow()))],
                    cancellationToken).ConfigureAwait(false);
                return inserted == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UpdateScheduleFireAsync(string schedule, DateTimeOffset scheduledAt, ScheduleFireStatus status, string? runId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        if (status == ScheduleFireStatus.Claimed)
        {
            throw new ArgumentException("A fire is claimed by ClaimScheduleFireAsync; an update moves it on.", nameof(status));
        }

        var final = status is not ScheduleFireStatus.Running;
        return WriteAsync(
            async (connection, transaction) =>
            {
                var updated = await ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE schedule_fires SET status = @status, run_id = COALESCE(@run, run_id), error = @error, finished_at = @finished WHERE schedule = @schedule AND scheduled_at = @at AND status IN ('claimed', 'running')",
                    [("status", JsonEnumNames.ToName(status)), ("run", runId), ("error", Redact(reason)), ("finished", final ? ToDbTimestamp(Time.GetUtcNow()) : null), ("schedule", schedule), ("at", ToDbTimestamp(scheduledAt))],
                    cancellationToken).ConfigureAwait(false);
                return updated == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetLastScheduleFireAsync(string schedule, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT scheduled_at FROM schedule_fires WHERE schedule = @schedule ORDER BY scheduled_at DESC LIMIT 1", [("schedule", schedule)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTimestamp(reader, 0) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduleFire>> ListScheduleFiresAsync(string? schedule = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = schedule is null
            ? Command(connection, null, $"SELECT {FireColumns} FROM schedule_fires ORDER BY scheduled_at DESC, schedule LIMIT @limit", [("limit", limit)])
            : Command(connection, null, $"SELECT {FireColumns} FROM schedule_fires WHERE schedule = @schedule ORDER BY scheduled_at DESC LIMIT @limit", [("schedule", schedule), ("limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var fires = new List<ScheduleFire>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            fires.Add(ReadFire(reader));
        }

        return fires;
    }

    private ScheduleFire ReadFire(DbDataReader reader) => new(
        reader.GetString(0),
        ReadTimestamp(reader, 1),
        reader.GetString(2),
        NullableString(reader, 3),
        JsonEnumNames.Parse<ScheduleFireStatus>(reader.GetString(4), "schedule fire status"),
        NullableString(reader, 5),
        reader.GetString(6),
        ReadTimestamp(reader, 7),
        NullableTimestamp(reader, 8),
        NullableString(reader, 9));
}
