namespace Alpha.Cluster.Schedules;

/// <summary>A cluster schedule as its grain reports it.</summary>
/// <param name="Key">The schedule's key (<c>spec/node</c>).</param>
/// <param name="Active">Whether it fires (false once removed, or never registered).</param>
/// <param name="SpecVersionId">The schedule spec version it reads.</param>
/// <param name="Expression">The cron expression.</param>
/// <param name="Workflow">The workflow (by name in the ledger) each fire dispatches.</param>
/// <param name="Next">The next occurrence.</param>
/// <param name="Silo">The node its grain is active on.</param>
/// <param name="Error">Why the schedule cannot fire (its spec no longer reads).</param>
[GenerateSerializer, Immutable]
public sealed record ClusterScheduleView(
    [property: Id(0)] string Key,
    [property: Id(1)] bool Active,
    [property: Id(2)] string? SpecVersionId,
    [property: Id(3)] string? Expression,
    [property: Id(4)] string? Workflow,
    [property: Id(5)] DateTimeOffset? Next,
    [property: Id(6)] string Silo,
    [property: Id(7)] string? Error);
