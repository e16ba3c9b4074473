using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Workflows;
using Alpha.Workflows.Replay;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha runs replay</c> and <c>alpha runs tail</c>: the workflow runtime's run commands.</summary>
internal static class WorkflowRunsCommands
{
    public static Command Replay(CliContext cli)
    {
        var id = new Argument<string>("run-id") { Description = "The workflow run to replay (run_...)." };
        var mode = new Option<string>("--mode") { Description = "recorded: serve every model call from the run's recorded calls (zero tokens); live: call the models again.", DefaultValueFactory = _ => "recorded" };
        mode.AcceptOnlyFromAmong("recorded", "live");
        var json = new Option<bool>("--json") { Description = "Print the new run and its outputs as JSON." };
        var stallAfter = StallOption.Create();
        var db = LedgerAccess.CreateOption();
        var command = new Command("replay", "Replay a workflow run as a new run (parent_run_id set, same spec version rows).") { id, mode, json, stallAfter, db };
        command.SetAction(async (parse, ct) =>
        {
            var (stallOk, stall) = await StallOption.ResolveAsync(cli, parse.GetValue(stallAfter));
            if (!stallOk)
            {
                return ExitCodes.BadInput;
            }

            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var quiet = parse.GetValue(json);
                var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
                {
                    Ledger = store,
                    NodeFactories = WorkflowNodeFactories.Default,
                    Time = cli.Time,
                    StallAfter = stall,
                    ModelClients = WorkflowModels.From(cli, agent => $"live replay of agent '{agent.Name}' needs a model endpoint (ALPHA_LLM_BASE_URL or OPENROUTER_API_KEY)"),
                    OnFrame = quiet ? null : frame => cli.Out.WriteLine($"{frame.Sequence,4} {frame.Stage,-28} {frame.Message}"),
                });
                WorkflowRunResult result;
                try
                {
                    result = await new WorkflowReplayer(runtime, store).ReplayAsync(parse.GetValue(id)!, parse.GetValue(mode) == "live" ? ReplayMode.Live : ReplayMode.Recorded, ct);
                }
                catch (InvalidOperationException ex)
                {
                    await cli.Error.WriteLineAsync($"error: {ex.Message}");
                    return ExitCodes.BadInput;
                }

                await WorkflowOutput.WriteAsync(cli, result, quiet);
                return result.Run.Status == RunStatus.Completed ? ExitCodes.Ok : ExitCodes.Failure;
            }
        });
        return command;
    }

    /// <summary>How often <c>runs tail</c> reads new frames of a run still open.</summary>
    internal static TimeSpan FollowInterval { get; } = TimeSpan.FromMilliseconds(200);

    public static Command Tail(CliContext cli)
    {
        var id = new Argument<string>("run-id") { Description = "The run (run_...)." };
        var json = new Option<bool>("--json") { Description = "One JSON object a line: each frame ({\"type\": \"frame\", ...}), then the run's end ({\"type\": \"run\", \"status\", \"error\"})." };
        var noFollow = new Option<bool>("--no-follow") { Description = "Print the frames recorded so far and stop, even if the run is still open." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("tail", "Print a run's frames in order; while the run is open, follow it: new frames as they are recorded, until it ends.") { id, json, noFollow, db };
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
                var asJson = parse.GetValue(json);
                long last = 0;
                try
                {
                    while (true)
                    {
                        if (await store.ReadFramesAsync(runId, last, cancellationToken: ct) is not { } page)
                        {
                            await cli.Error.WriteLineAsync($"error: no run '{runId}' in {store.Location}; see alpha runs list");
                            return ExitCodes.BadInput;
                        }

                        foreach (var frame in page.Frames)
                        {
                            await cli.Out.WriteLineAsync(asJson ? FrameJson(frame) : $"{frame.Sequence,4} {frame.EmittedAt:HH:mm:ss.fff} {frame.Stage,-28} {frame.Message}");
                            last = frame.Sequence;
                        }

                        // A page read with a final run holds every frame up to its end: stop when it was not cut by the limit.
                        var ended = LedgerNames.IsFinal(page.Run.Status) || parse.GetValue(noFollow);
                        if (ended && page.Frames.Count < 1000)
                        {
                            await cli.Out.WriteLineAsync(asJson ? RunEndJson(page.Run) : $"run {runId}: {LedgerNames.ToName(page.Run.Status)}{(page.Run.Error is { } e ? $" ({e})" : string.Empty)}");
                            return ExitCodes.Ok;
                        }

                        if (page.Frames.Count == 0)
                        {
                            await Task.Delay(FollowInterval, cli.Time, ct);
                        }
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return ExitCodes.Cancelled;
                }
            }
        });
        return command;
    }

    private static string FrameJson(RunFrame frame) => new JsonObject
    {
        ["type"] = "frame",
        ["run_id"] = frame.RunId,
        ["sequence"] = frame.Sequence,
        ["stage"] = frame.Stage,
        ["message"] = frame.Message,
        ["emitted_at"] = frame.EmittedAt.ToString("O", CultureInfo.InvariantCulture),
        ["extras"] = JsonNode.Parse(frame.Extras),
    }.ToJsonString();

    private static string RunEndJson(WorkflowRun run) => new JsonObject
    {
        ["type"] = "run",
        ["run_id"] = run.RunId,
        ["status"] = LedgerNames.ToName(run.Status),
        ["error"] = run.Error,
    }.ToJsonString();
}
