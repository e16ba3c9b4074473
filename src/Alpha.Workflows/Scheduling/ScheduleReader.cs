using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Alpha.Runtime.Schemas;
using Cronos;

namespace Alpha.Workflows.Scheduling;

/// <summary>
/// Reads the schedules of a schedule spec: a workflow spec whose nodes are all <c>adapter: schedule</c>, each with
/// <c>options: {cron, workflow, timezone?, inputs?, missed?, grace_seconds?}</c>. Every problem is reported, naming the
/// field (<c>nodes[nightly].options.cron</c>), in one <see cref="SpecValidationException"/>.
/// </summary>
public static class ScheduleReader
{
    /// <summary>The adapter kind of a schedule node.</summary>
    public const string Adapter = "schedule";

    /// <summary>The late-fire policy when <c>missed</c> is not given.</summary>
    public const MissedFirePolicy DefaultMissed = MissedFirePolicy.Skip;

    /// <summary>How late a fire may be and still run as on time when <c>grace_seconds</c> is not given.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(60);

    private static readonly string[] Known = ["cron", "workflow", "timezone", "inputs", "missed", "grace_seconds"];

    /// <summary>Reads every schedule of <paramref name="spec"/>.</summary>
    /// <param name="spec">The schedule spec.</param>
    /// <param name="source">Where it came from (a file path), for the error messages.</param>
    /// <exception cref="SpecValidationException">The spec is not a valid schedule spec; the message lists every problem.</exception>
    public static IReadOnlyList<WorkflowSchedule> Read(WorkflowSpec spec, string source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var errors = new List<SpecError>();
        void Fail(string field, string message) => errors.Add(new SpecError(source, null, field, message));

        if (spec.Nodes.All(n => n.Adapter != Adapter))
        {
            Fail("nodes", $"workflow {spec.Name} has no schedule node; a schedule spec holds nodes with adapter: schedule (see docs/workflows.md, Schedules)");
        }

        if (spec.Edges.Count > 0)
        {
            Fail("edges", "schedule nodes are triggers, not steps: a schedule spec has no edges");
        }

        var schedules = new List<WorkflowSchedule>();
        foreach (var node in spec.Nodes)
        {
            var path = $"nodes[{node.Id}]";
            if (node.Adapter != Adapter)
            {
                Fail($"{path}.adapter", $"'{node.Adapter}' cannot share a spec with schedule nodes; put the steps in the workflow the schedule dispatches (options.workflow)");
                continue;
            }

            if (node.Agents.Count > 0)
            {
                Fail($"{path}.agents", "a schedule node runs no agent; name the workflow it dispatches in options.workflow");
            }

            if (ReadNode(spec, node, path, Fail) is { } schedule)
            {
                schedules.Add(schedule);
            }
        }

        if (errors.Count > 0)
        {
            throw new SpecValidationException(errors);
        }

        return schedules;
    }

    private static WorkflowSchedule? ReadNode(WorkflowSpec spec, WorkflowNode node, string path, Action<string, string> fail)
    {
        var options = node.Options ?? [];
        foreach (var key in options.Select(p => p.Key).Where(k => !Known.Contains(k, StringComparer.Ordinal)))
        {
            fail($"{path}.options.{key}", $"unknown option; a schedule takes {string.Join(", ", Known)}");
        }

        var expression = Text(options, "cron", path, required: true, fail);
        CronExpression? cron = null;
        if (expression is not null)
        {
            try
            {
                // Five fields (minute hour day month weekday) or six with seconds first; @daily-style macros too.
                var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                cron = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            }
            catch (CronFormatException ex)
            {
                fail($"{path}.options.cron", $"'{expression}' is not a cron expression ({ex.Message}); write five fields 'minute hour day month weekday' such as '*/5 * * * *', six with seconds first, or a macro such as @daily");
            }
        }

        var workflow = Text(options, "workflow", path, required: true, fail);
        var zoneId = Text(options, "timezone", path, required: false, fail) ?? "UTC";
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            fail($"{path}.options.timezone", $"'{zoneId}' is not a time zone this machine knows; use an IANA id such as UTC or Europe/Paris");
        }

        JsonObject inputs = [];
        if (options["inputs"] is { } given)
        {
            if (given is JsonObject obj)
            {
                inputs = (JsonObject)obj.DeepClone();
            }
            else
            {
                fail($"{path}.options.inputs", "must be a mapping of the dispatched workflow's inputs, e.g. {ticket: \"nightly sweep\"}");
            }
        }

        var missed = DefaultMissed;
        if (Text(options, "missed", path, required: false, fail) is { } missedName && !JsonEnumNames.TryParse(missedName, out missed))
        {
            fail($"{path}.options.missed", $"'{missedName}' is not a missed-fire policy; use one of {string.Join(", ", JsonEnumNames.All<MissedFirePolicy>())}");
        }

        var grace = DefaultGrace;
        if (options["grace_seconds"] is { } graceNode)
        {
            if (graceNode is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) is > 0 and <= 31_536_000 and var seconds)
            {
                grace = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                fail($"{path}.options.grace_seconds", $"must be a number of seconds above 0 (at most a year), not {graceNode.ToJsonString()}");
            }
        }

        return cron is null || workflow is null || zone is null
            ? null
            : new WorkflowSchedule($"{spec.Name}/{node.Id}", spec, node.Id, expression!, cron, zone, workflow, inputs, missed, grace);
    }

    private static string? Text(JsonObject options, string key, string path, bool required, Action<string, string> fail)
    {
        switch (options[key])
        {
            case null when required:
                fail($"{path}.options.{key}", "is required");
                return null;
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text):
                return text.Trim();
            case var other:
                fail($"{path}.options.{key}", $"must be a non-empty string, not {other.ToJsonString()}");
                return null;
        }
    }
}
