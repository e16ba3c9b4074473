using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;
using Alpha.Workflows.Scheduling;

namespace Alpha.Cli.Commands;

/// <summary>
/// <c>alpha workflows schedule FILE|NAME...</c>: runs the schedules of schedule specs in the foreground (until SIGINT or
/// SIGTERM), or, with <c>--once</c>, fires what is due now and exits. Each fire is claimed in the ledger first, so
/// several schedulers on one ledger never run a fire twice.
/// </summary>
internal static class ScheduleCommand
{
    public static Command Create(CliContext cli)
    {
        var targets = new Argument<string[]>("schedule") { Arity = ArgumentArity.OneOrMore, Description = "Schedule specs: files (a workflow whose nodes are adapter: schedule) or names of schedule specs already in the ledger." };
        var once = new Option<bool>("--once") { Description = "Fire what is due now (on-time fires, and late ones as each schedule's missed policy says), wait for those runs, exit: 0 when every run completed." };
        var at = new Option<string?>("--at") { Description = "With --once: fire what is due at this ISO-8601 instant instead of now (e.g. 2026-12-02T02:00:00Z), for backfills and tests." };
        var json = new Option<bool>("--json") { Description = "Print each scheduler event as one JSON object per line." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("schedule", "Run schedules (cron triggers that dispatch workflows) in the foreground until Ctrl+C, or fire what is due with --once.") { targets, once, at, json, db };
        command.SetAction(async (parse, ct) =>
        {
            DateTimeOffset? asOf = null;
            if (parse.GetValue(at) is { } atText)
            {
                if (!parse.GetValue(once))
                {
                    await cli.Error.WriteLineAsync("error: --at needs --once (the foreground scheduler runs on the clock)");
                    return ExitCodes.BadInput;
                }

                if (!DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    await cli.Error.WriteLineAsync($"error: --at: '{atText}' is not an ISO-8601 instant such as 2026-12-02T02:00:00Z");
                    return ExitCodes.BadInput;
                }

                asOf = parsed;
            }

            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var schedules = new List<WorkflowSchedule>();
                var folders = new Dictionary<string, string>(StringComparer.Ordinal);
                var files = new Dictionary<string, string>(StringComparer.Ordinal);
                string? file = null; // the schedule file being read, for the line of an error found on the bound spec
                try
                {
                    foreach (var target in parse.GetValue(targets)!)
                    {
                        file = File.Exists(target) ? target : null;
                        var (spec, source, folder) = await LoadScheduleSpecAsync(store, target, ct);
                        foreach (var schedule in ScheduleReader.Read(spec, source))
                        {
                            folders[schedule.Key] = folder;
                            if (file is not null)
                            {
                                files[schedule.Key] = file;
                            }

                            schedules.Add(schedule);
                        }
                    }

                    // Every target is resolved once before anything fires: a typo fails now, not at 02:00.
                    foreach (var schedule in schedules)
                    {
                        file = files.GetValueOrDefault(schedule.Key);
                        await ResolveAsync(store, schedule, folders[schedule.Key], ct);
                    }
                }
                catch (SpecValidationException ex)
                {
                    var located = file is null ? ex : await SpecLines.LocateAsync(ex, file, ct);
                    await cli.Error.WriteLineAsync($"error: {located.Message}");
                    return ExitCodes.BadInput;
                }

                if (schedules.GroupBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
                {
                    await cli.Error.WriteLineAsync($"error: schedule {twice.Key} is given twice");
                    return ExitCodes.BadInput;
                }

                var asJson = parse.GetValue(json);
                var output = new Lock();
                var scheduler = new WorkflowScheduler(new WorkflowSchedulerOptions
                {
                    Runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
                    {
                        Ledger = store,
                        NodeFactories = WorkflowNodeFactories.Default,
                        Time = cli.Time,
                        ModelClients = WorkflowModels.From(cli),
                    }),
                    Ledger = store,
                    Schedules = schedules,
                    Resolve = (schedule, token) => ResolveAsync(store, schedule, folders[schedule.Key], token),
                    Time = cli.Time,
                    OnEvent = e =>
                    {
                        lock (output)
                        {
                            cli.Out.WriteLine(asJson ? ToJson(e) : ToText(e));
                            cli.Out.Flush();
                        }
                    },
                });

                if (parse.GetValue(once))
                {
                    var runs = await scheduler.RunOnceAsync(asOf, ct);
                    if (!asJson)
                    {
                        await cli.Error.WriteLineAsync($"{runs.Count} fire(s) dispatched, {runs.Count(r => r.Status == ScheduleFireStatus.Completed)} completed (ledger: {store.Location})");
                    }

                    return ct.IsCancellationRequested ? ExitCodes.Cancelled : runs.All(r => r.Status == ScheduleFireStatus.Completed) ? ExitCodes.Ok : ExitCodes.Failure;
                }

                await scheduler.RunAsync(ct);
                return ExitCodes.Cancelled;
            }
        });
        return command;
    }

    internal static async Task<(WorkflowSpec Spec, string Source, string Folder)> LoadScheduleSpecAsync(ILedgerStore store, string target, CancellationToken cancellationToken)
    {
        if (File.Exists(target))
        {
            return await SpecLoader.LoadAsync(target, cancellationToken) is WorkflowSpec fromFile
                ? (fromFile, target, Path.GetDirectoryName(Path.GetFullPath(target))!)
                : throw new SpecValidationException([new SpecError(target, null, "kind", "is not a schedule spec (kind: workflow, with adapter: schedule nodes)")]);
        }

        var versions = await store.GetSpecVersionsAsync(SpecKind.Workflow, target, cancellationToken);
        if (versions.Count == 0)
        {
            throw new SpecValidationException([new SpecError(target, null, "$", "is neither a spec file nor a schedule spec in the ledger; give a path")]);
        }

        var source = $"{target}@{versions[^1].Version}.json";
        return ((WorkflowSpec)SpecLoader.Parse(versions[^1].Content, source, SpecFormat.Json), source, Directory.GetCurrentDirectory());
    }

    /// <summary>A schedule's workflow: a file relative to the schedule's folder, else to the working folder, else a workflow name in the ledger.</summary>
    private static async Task<ScheduleTarget> ResolveAsync(ILedgerStore store, WorkflowSchedule schedule, string folder, CancellationToken cancellationToken)
    {
        var beside = Path.Combine(folder, schedule.Workflow);
        var reference = File.Exists(beside) ? beside : schedule.Workflow;
        var field = $"nodes[{schedule.Node}].options.workflow";
        LoadedWorkflow loaded;
        try
        {
            loaded = await WorkflowLoader.LoadAsync(store, reference, cancellationToken);
        }
        catch (SpecValidationException ex)
        {
            throw new SpecValidationException([new SpecError(schedule.Spec.Name, null, field, $"'{schedule.Workflow}' cannot be dispatched: {ex.Message}"), .. ex.Errors], ex);
        }

        if (loaded.Workflow.Nodes.FirstOrDefault(n => n.Adapter == ScheduleReader.Adapter) is { } trigger)
        {
            throw new SpecValidationException([new SpecError(schedule.Spec.Name, null, field, $"'{schedule.Workflow}' is itself a schedule (node {trigger.Id}); a schedule dispatches a workflow of steps")]);
        }

        return new ScheduleTarget(loaded.Workflow, loaded.Agents, loaded.Workflows);
    }

    private static string ToText(ScheduleEvent e) =>
        $"{e.EmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {e.Stage,-24} {(e.Schedule.Length == 0 ? "-" : e.Schedule)} {e.Message}";

    private static string ToJson(ScheduleEvent e) => new JsonObject
    {
        ["stage"] = e.Stage,
        ["schedule"] = e.Schedule.Length == 0 ? null : e.Schedule,
        ["scheduled_at"] = e.ScheduledAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["run_id"] = e.RunId,
        ["message"] = e.Message,
        ["emitted_at"] = e.EmittedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    }.ToJsonString();
}
