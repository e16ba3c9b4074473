using System.CommandLine;
using Alpha.Cli.Hosting;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Llm;
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
        var db = LedgerAccess.CreateOption();
        var command = new Command("replay", "Replay a workflow run as a new run (parent_run_id set, same spec version rows).") { id, mode, json, db };
        command.SetAction(async (parse, ct) =>
        {
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
                    ModelClients = agent => new OpenAICompatibleChatClient(
                        LlmEndpoints.FromEnvironment(agent.Model, cli.Environment)
                        ?? throw new InvalidOperationException($"live replay of agent '{agent.Name}' needs a model endpoint (ALPHA_LLM_BASE_URL or OPENROUTER_API_KEY)"),
                        cli.Time),
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

    public static Command Tail(CliContext cli)
    {
        var id = new Argument<string>("run-id") { Description = "The run (run_...)." };
        var db = LedgerAccess.CreateOption();
        var command = new Command("tail", "Print a run's frames from the ledger, in order.") { id, db };
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
                if (await store.GetRunAsync(runId, ct) is not { } detail)
                {
                    await cli.Error.WriteLineAsync($"error: no run '{runId}' in {store.Location}; see alpha runs list");
                    return ExitCodes.BadInput;
                }

                foreach (var frame in detail.Frames)
                {
                    await cli.Out.WriteLineAsync($"{frame.Sequence,4} {frame.EmittedAt:HH:mm:ss.fff} {frame.Stage,-28} {frame.Message}");
                }

                await cli.Out.WriteLineAsync($"run {runId}: {LedgerNames.ToName(detail.Run.Status)}");
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
