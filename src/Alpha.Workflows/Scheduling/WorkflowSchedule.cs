using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Cronos;

namespace Alpha.Workflows.Scheduling;

/// <summary>One schedule: a <c>schedule</c> node of a workflow spec, read and checked by <see cref="ScheduleReader"/>.</summary>
/// <param name="Key">The schedule's identity in the ledger: <c>spec name/node id</c> (its fires are unique per key and time).</param>
/// <param name="Spec">The workflow spec the schedule node belongs to (hash-locked when the scheduler starts).</param>
/// <param name="Node">The node id.</param>
/// <param name="Expression">The cron expression as written.</param>
/// <param name="Cron">The parsed expression.</param>
/// <param name="TimeZone">The zone the expression is read in (UTC unless <c>timezone</c> says otherwise).</param>
/// <param name="Workflow">The workflow it dispatches: a spec file (relative to the schedule's file) or a workflow name in the ledger.</param>
/// <param name="Inputs">The inputs of every run it dispatches.</param>
/// <param name="Missed">What happens to late fires.</param>
/// <param name="Grace">How late a fire may be claimed and still count as on time.</param>
public sealed record WorkflowSchedule(
    string Key,
    WorkflowSpec Spec,
    string Node,
    string Expression,
    CronExpression Cron,
    TimeZoneInfo TimeZone,
    string Workflow,
    JsonObject Inputs,
    MissedFirePolicy Missed,
    TimeSpan Grace)
{
    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when the expression has none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => Cron.GetNextOccurrence(after, TimeZone, inclusive: false);
}
