using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Platform.Ledger;
using Alpha.Platform.Recording;
using Alpha.Platform.Specs;
using Spectre.Console;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha runs list|show|recover|replay|tail|kill</c>: the run ledger: runs, their agent runs and model calls, tokens and cost.</summary>
internal static class RunsCommand
{
    public static Command Create(CliContext cli) => new("runs", "The run ledger: every recorded run with its agent runs, model calls, frames, tokens and cost.")
    {
        List(cli),
        Show(cli),
        Recover(cli),
        WorkflowRunsCommands.Replay(cli),
        WorkflowRunsCommands.Tail(cli),
        RunsKillCommand.Create(cli),
    };

    private static Command List(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the runs as JSON." };
        var limit = CliOptions.WholeNumber("--limit", "How many of the most recent runs.", 20);
        var db = LedgerAccess.CreateOption();
        var command = new Command("list", "List the most recent runs, newest first.") { json, limit, db };
        command.SetAction(async (parse, ct) =>
        {
            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var runs = await store.ListRunsAsync(parse.GetValue(limit), ct);
                var specs = new Dictionary<string, SpecVersion?>(StringComparer.Ordinal);
                foreach (var run in runs)
                {
                    if (!specs.ContainsKey(run.SpecVersionId))
                    {
                        specs[run.SpecVersionId] = await store.GetSpecVersionAsync(run.SpecKind, run.SpecVersionId, ct);
                    }
                }

                if (parse.GetValue(json))
                {
                    var array = new JsonArray([.. runs.Select(r => RunJson(r, specs[r.SpecVersionId]))]);
                    await cli.Out.WriteLineAsync(array.ToJsonString(LedgerJson.Options));
                    return ExitCodes.Ok;
                }

                if (runs.Count == 0)
                {
                    await cli.Out.WriteLineAsync($"No runs in {store.Location} yet; alpha analyze records one per analysis.");
                    return ExitCodes.Ok;
                }

                var table = new Table().Border(TableBorder.Simple).Title($"Runs in {Markup.Escape(store.Location)}");
                table.AddColumns("run", "status", "spec", "experiment", "started", "duration", "tokens", "cost (USD)");
                foreach (var run in runs)
                {
                    table.AddRow(
                        Markup.Escape(run.RunId),
                        Markup.Escape(LedgerNames.ToName(run.Status)),
                        Markup.Escape(SpecLabel(run, specs[run.SpecVersionId])),
                        Markup.Escape(run.ExperimentId),
                        run.StartedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-",
                        Duration(run.StartedAt, run.FinishedAt),
                        run.TotalTokens.ToString(CultureInfo.InvariantCulture),
                        Money(run.TotalCostUsd));
                }

                cli.Console.Write(table);
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<string>("run-id") { Description = "The run's id (run_...)." };
        var json = new Option<bool>("--json") { Description = "Print the run with its agent runs, steps and frames as JSON." };
        var frames = new Option<bool>("--frames") { Description = "Also list every frame." };
        var maxChars = CliOptions.WholeNumber("--max-field-chars", "Longer inputs, model requests and responses are cut to this many characters, with a note saying how to read the rest.", 65_536);
        var field = new Option<string?>("--field") { Description = "Print one big field whole, or a page of it, as raw text: inputs." };
        field.AcceptOnlyFromAmong("inputs");
        var offset = CliOptions.WholeNumber("--offset", "With --field: the first character to print (0-based).", 0, minimum: 0);
        var limit = CliOptions.WholeNumber("--limit", "With --field: how many characters to print.", 1_000_000);
        var db = LedgerAccess.CreateOption();
        var command = new Command("show", "Show a run: its spec, status, agent runs, each model or tool call, tokens and cost.") { id, json, frames, maxChars, field, offset, limit, db };
        command.SetAction(async (parse, ct) =>
        {
            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var runId = parse.GetValue(id)!;
                if (parse.GetValue(field) is not null)
                {
                    return await PrintInputsAsync(cli, store, runId, parse.GetValue(offset), parse.GetValue(limit), ct);
                }

                if (await store.GetRunAsync(runId, ct) is not { } detail)
                {
                    await cli.Error.WriteLineAsync($"error: no run '{runId}' in {store.Location}; see alpha runs list");
                    return ExitCodes.BadInput;
                }

                var spec = await store.GetSpecVersionAsync(detail.Run.SpecKind, detail.Run.SpecVersionId, ct);
                var max = parse.GetValue(maxChars);
                if (parse.GetValue(json))
                {
                    var inputs = await store.GetRunInputsAsync(runId, 0, max, ct);
                    await cli.Out.WriteLineAsync(DetailJson(detail, spec, inputs, max).ToJsonString(LedgerJson.Options));
                    return ExitCodes.Ok;
                }

                Write(cli.Console, detail, spec, parse.GetValue(frames));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    /// <summary><c>runs show RUN --field inputs</c>: a page of the inputs as raw text on stdout, where it sits on stderr.</summary>
    private static async Task<int> PrintInputsAsync(CliContext cli, ILedgerStore store, string runId, int offset, int limit, CancellationToken cancellationToken)
    {
        if (await store.GetRunInputsAsync(runId, offset, limit, cancellationToken) is not { } slice)
        {
            await cli.Error.WriteLineAsync($"error: no run '{runId}' in {store.Location}; see alpha runs list");
            return ExitCodes.BadInput;
        }

        await cli.Out.WriteAsync(slice.Text);
        await cli.Out.FlushAsync(cancellationToken);
        var end = slice.Offset + slice.Text.Length;
        await cli.Error.WriteLineAsync(slice.IsLast
            ? string.Create(CultureInfo.InvariantCulture, $"inputs: characters {slice.Offset}-{end} of {slice.TotalChars} (the end)")
            : string.Create(CultureInfo.InvariantCulture, $"inputs: characters {slice.Offset}-{end} of {slice.TotalChars}; next page: alpha runs show {runId} --field inputs --offset {end} --limit {limit}"));
        return ExitCodes.Ok;
    }

    private static Command Recover(CliContext cli)
    {
        var inactive = new Option<string>("--inactive-for") { Description = "Candidates: runs still pending or running with no write for this long (e.g. 30m, 2h). Only those whose process is gone are marked failed.", DefaultValueFactory = _ => "1h" };
        var db = LedgerAccess.CreateOption();
        var command = new Command("recover", "Mark failed the runs whose process stopped mid-run (no write for a while, and the process gone or its heartbeat stale); live runs are left alone.") { inactive, db };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(inactive)!;
            if (!LedgerAccess.TryParseDuration(text, out var duration))
            {
                await cli.Error.WriteLineAsync($"error: --inactive-for: '{text}' is not a duration; write e.g. 90s, 30m, 2h or 1d");
                return ExitCodes.BadInput;
            }

            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var results = await RunRecovery.RecoverAsync(store, duration, cli.Time, cancellationToken: ct);
                await cli.Out.WriteLineAsync($"{results.Count(r => r.MarkedFailed)} abandoned run(s) marked failed");
                foreach (var r in results)
                {
                    await cli.Out.WriteLineAsync($"  {r.RunId}: {(r.MarkedFailed ? "marked failed" : "left running")} ({r.Reason})");
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static void Write(IAnsiConsole console, RunDetail detail, SpecVersion? spec, bool withFrames)
    {
        var run = detail.Run;
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string label, string? value) => grid.AddRow($"[grey]{label}[/]", Markup.Escape(value ?? "-"));
        Row("run", run.RunId);
        Row("status", LedgerNames.ToName(run.Status));
        Row("spec", $"{SpecLabel(run, spec)} ({run.SpecVersionId})");
        Row("experiment", run.ExperimentId);
        Row("test", run.TestId);
        Row("parent", run.ParentRunId);
        Row("task", run.TaskId);
        Row("started", run.StartedAt?.ToString("u", CultureInfo.InvariantCulture));
        Row("finished", run.FinishedAt?.ToString("u", CultureInfo.InvariantCulture));
        Row("duration", Duration(run.StartedAt, run.FinishedAt));
        Row("tokens", run.TotalTokens.ToString(CultureInfo.InvariantCulture));
        Row("cost (USD)", Money(run.TotalCostUsd));
        Row("error", run.Error);
        Row("inputs", run.InputsChars is { } chars ? string.Create(CultureInfo.InvariantCulture, $"{chars:N0} characters (alpha runs show {run.RunId} --field inputs)") : $"alpha runs show {run.RunId} --field inputs");
        console.Write(grid);

        var agents = new Table().Border(TableBorder.Simple).Title("Agent runs");
        agents.AddColumns("agent", "status", "mode", "tokens in/out", "cost (USD)", "duration", "agent spec", "error");
        foreach (var a in detail.AgentRuns)
        {
            agents.AddRow(
                Markup.Escape(a.Node),
                Markup.Escape(LedgerNames.ToName(a.Status)),
                Markup.Escape(a.Mode ?? "-"),
                string.Create(CultureInfo.InvariantCulture, $"{a.InputTokens}/{a.OutputTokens}"),
                a.CostUsd is { } c ? Money(c) : "unpriced",
                Duration(a.StartedAt, a.FinishedAt),
                Markup.Escape(a.AgentSpecVersionId ?? "-"),
                Markup.Escape(a.Error ?? string.Empty));
        }

        console.Write(agents);
        if (detail.Steps.Count > 0)
        {
            var names = detail.AgentRuns.ToDictionary(a => a.AgentRunId, a => a.Node, StringComparer.Ordinal);
            var steps = new Table().Border(TableBorder.Simple).Title("Steps (model and tool calls)");
            steps.AddColumns("agent", "#", "kind", "model / tool", "tokens in/out", "cost (USD)", "latency", "error");
            foreach (var s in detail.Steps)
            {
                steps.AddRow(
                    Markup.Escape(names.GetValueOrDefault(s.AgentRunId) ?? s.AgentRunId),
                    s.Sequence.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(s.Kind),
                    Markup.Escape(s.Name),
                    string.Create(CultureInfo.InvariantCulture, $"{s.InputTokens}/{s.OutputTokens}"),
                    s.CostUsd is { } c ? Money(c) : "unpriced",
                    string.Create(CultureInfo.InvariantCulture, $"{s.LatencyMs:0} ms"),
                    Markup.Escape(s.Error ?? string.Empty));
            }

            console.Write(steps);
        }

        console.MarkupLine($"[grey]{detail.Frames.Count} frame(s){(withFrames ? ":" : "; --frames lists them")}[/]");
        if (withFrames)
        {
            foreach (var f in detail.Frames)
            {
                console.MarkupLine($"  {f.Sequence,4} [grey]{f.EmittedAt.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}[/] {Markup.Escape(f.Stage)}: {Markup.Escape(f.Message)}");
            }
        }
    }

    private static JsonObject RunJson(WorkflowRun run, SpecVersion? spec)
    {
        // Listings never carry inputs (they may be hundreds of megabytes); their size says whether to ask for them.
        var node = (JsonObject)JsonSerializer.SerializeToNode(run, LedgerJson.Options)!;
        node.Remove("inputs");
        node["spec"] = spec is null ? null : new JsonObject { ["kind"] = SpecKindNames.ToName(spec.Kind), ["name"] = spec.Name, ["version"] = spec.Version, ["spec_hash"] = spec.SpecHash };
        return node;
    }

    private static JsonObject DetailJson(RunDetail detail, SpecVersion? spec, RunInputsSlice? inputs, int maxChars)
    {
        var runId = detail.Run.RunId;
        var run = RunJson(detail.Run, spec);
        if (inputs is { IsLast: true })
        {
            run["inputs"] = JsonNode.Parse(inputs.Text);
        }
        else if (inputs is not null)
        {
            run["inputs"] = null;
            run["inputs_note"] = string.Create(CultureInfo.InvariantCulture, $"{inputs.TotalChars} characters, more than --max-field-chars {maxChars}: alpha runs show {runId} --field inputs [--offset N --limit N] prints them");
        }

        var steps = (JsonArray)JsonSerializer.SerializeToNode(detail.Steps, LedgerJson.Options)!;
        foreach (var step in steps.OfType<JsonObject>())
        {
            foreach (var name in new[] { "request", "response" })
            {
                if (step[name]?.GetValue<string>() is { } text && text.Length > maxChars)
                {
                    step[name] = text[..maxChars];
                    step[$"{name}_note"] = string.Create(CultureInfo.InvariantCulture, $"cut at {maxChars} of {text.Length} characters; --max-field-chars {text.Length} prints it whole");
                }
            }
        }

        var frames = new JsonArray();
        foreach (var f in detail.Frames)
        {
            var frame = (JsonObject)JsonSerializer.SerializeToNode(f, LedgerJson.Options)!;
            frame["extras"] = JsonNode.Parse(f.Extras);
            frames.Add(frame);
        }

        return new JsonObject
        {
            ["run"] = run,
            ["agent_runs"] = JsonSerializer.SerializeToNode(detail.AgentRuns, LedgerJson.Options),
            ["steps"] = steps,
            ["frames"] = frames,
        };
    }

    private static string SpecLabel(WorkflowRun run, SpecVersion? spec) =>
        spec is null ? SpecKindNames.ToName(run.SpecKind) : $"{SpecKindNames.ToName(spec.Kind)} {spec.Name}@{spec.Version}";

    private static string Duration(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s && end is { } e ? string.Create(CultureInfo.InvariantCulture, $"{(e - s).TotalMilliseconds:0} ms") : "-";

    private static string Money(decimal value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
}
