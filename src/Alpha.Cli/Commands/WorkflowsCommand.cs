using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha workflows run NAME|FILE</c>: runs a workflow spec on the workflow runtime and records it in the ledger.</summary>
internal static class WorkflowsCommand
{
    public static Command Create(CliContext cli) => new("workflows", "Multi-node workflows (WorkflowSpecs) on Microsoft Agent Framework Workflows, recorded in the ledger.")
    {
        Run(cli),
        ScheduleCommand.Create(cli),
    };

    private static Command Run(CliContext cli)
    {
        var target = new Argument<string>("workflow") { Description = "A workflow spec file (YAML or JSON; agent specs are read from the same folder and its agents/ folder), or the name of a workflow already in the ledger." };
        var inputs = new Option<string?>("--inputs") { Description = "The run's inputs as a JSON object, e.g. '{\"ticket\": \"disk full\"}'." };
        var experiment = new Option<string?>("--experiment") { Description = "The experiment id to file the run under (generated when absent)." };
        var json = new Option<bool>("--json") { Description = "Print the finished run and its outputs as JSON." };
        var stallAfter = StallOption.Create();
        var db = LedgerAccess.CreateOption();
        var command = new Command("run", "Run a workflow to its end; prints every frame as it happens (or the run as JSON with --json).") { target, inputs, experiment, json, stallAfter, db };
        command.SetAction(async (parse, ct) =>
        {
            JsonObject? given = null;
            if (parse.GetValue(inputs) is { } text)
            {
                try
                {
                    given = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not a JSON object");
                }
                catch (JsonException ex)
                {
                    await cli.Error.WriteLineAsync($"error: --inputs must be a JSON object such as '{{\"ticket\": \"disk full\"}}': {ex.Message}");
                    return ExitCodes.BadInput;
                }
            }

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
                LoadedWorkflow loaded;
                try
                {
                    loaded = await WorkflowLoader.LoadAsync(store, parse.GetValue(target)!, ct);
                }
                catch (SpecValidationException ex)
                {
                    await cli.Error.WriteLineAsync($"error: {ex.Message}");
                    return ExitCodes.BadInput;
                }

                var quiet = parse.GetValue(json);
                var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
                {
                    Ledger = store,
                    NodeFactories = WorkflowNodeFactories.Default,
                    Time = cli.Time,
                    StallAfter = stall,
                    ModelClients = WorkflowModels.From(cli),
                    OnFrame = quiet ? null : frame => cli.Out.WriteLine($"{frame.Sequence,4} {frame.Stage,-28} {frame.Message}"),
                });
                WorkflowRunResult result;
                try
                {
                    result = await runtime.RunAsync(new WorkflowDispatch(loaded.Workflow, loaded.Agents, given, parse.GetValue(experiment), Workflows: loaded.Workflows), ct);
                }
                catch (SpecValidationException ex)
                {
                    // Options and agents are checked at dispatch, on the bound spec: the line comes from the file.
                    var located = loaded.Path is null ? ex : await SpecLines.LocateAsync(ex, loaded.Path, ct);
                    await cli.Error.WriteLineAsync($"error: {located.Message}");
                    return ExitCodes.BadInput;
                }

                await WorkflowOutput.WriteAsync(cli, result, quiet);
                return result.Run.Status == RunStatus.Completed ? ExitCodes.Ok : ExitCodes.Failure;
            }
        });
        return command;
    }
}
