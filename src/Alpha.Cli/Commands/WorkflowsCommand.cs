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
                WorkflowSpec workflow;
                IReadOnlyDictionary<string, AgentSpec> agents;
                IReadOnlyDictionary<string, WorkflowSpec> workflows;
                try
                {
                    (workflow, agents, workflows) = await LoadAsync(store, parse.GetValue(target)!, ct);
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
                    result = await runtime.RunAsync(new WorkflowDispatch(workflow, agents, given, parse.GetValue(experiment), Workflows: workflows), ct);
                }
                catch (SpecValidationException ex)
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

    internal static async Task<(WorkflowSpec Workflow, IReadOnlyDictionary<string, AgentSpec> Agents, IReadOnlyDictionary<string, WorkflowSpec> Workflows)> LoadAsync(ILedgerStore store, string target, CancellationToken cancellationToken)
    {
        if (File.Exists(target))
        {
            if (await SpecLoader.LoadAsync(target, cancellationToken) is not WorkflowSpec fromFile)
            {
                throw new SpecValidationException([new SpecError(target, null, "kind", "is not a workflow spec (kind: workflow)")]);
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
            var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
            var workflows = new Dictionary<string, WorkflowSpec>(StringComparer.Ordinal);
            foreach (var dir in new[] { folder, Path.Combine(folder, "agents") }.Where(Directory.Exists))
            {
                foreach (var file in Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    // Sibling workflow specs are the nested workflows a node may name (workflow: name).
                    switch (Path.GetFullPath(file) == Path.GetFullPath(target) ? null : await SpecLoader.LoadAsync(file, cancellationToken))
                    {
                        case AgentSpec agent:
                            agents[agent.Name] = agent;
                            break;
                        case WorkflowSpec sibling:
                            workflows[sibling.Name] = sibling;
                            break;
                    }
                }
            }

            return (fromFile, agents, workflows);
        }

        var versions = await store.GetSpecVersionsAsync(SpecKind.Workflow, target, cancellationToken);
        if (versions.Count == 0)
        {
            throw new SpecValidationException([new SpecError(target, null, "$", "is neither a spec file nor a workflow in the ledger; give a path, or run the file once so its name is known")]);
        }

        var workflow = (WorkflowSpec)SpecLoader.Parse(versions[^1].Content, $"{target}@{versions[^1].Version}.json", SpecFormat.Json);
        var fromLedger = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
        var children = new Dictionary<string, WorkflowSpec>(StringComparer.Ordinal);
        var pending = new Queue<WorkflowSpec>([workflow]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var reference in current.Nodes.SelectMany(n => n.Agents).DistinctBy(r => r.Name).Where(r => !fromLedger.ContainsKey(r.Name)))
            {
                var agentVersions = await store.GetSpecVersionsAsync(SpecKind.Agent, reference.Name, cancellationToken);
                var chosen = reference.Version is { } v ? agentVersions.FirstOrDefault(a => a.Version == v) : (agentVersions.Count > 0 ? agentVersions[^1] : null);
                if (chosen is not null)
                {
                    fromLedger[reference.Name] = (AgentSpec)SpecLoader.Parse(chosen.Content, $"{reference}.json", SpecFormat.Json);
                }
            }

            // Nested workflows by name: their latest (or pinned) version in the ledger.
            foreach (var reference in current.Nodes.Select(n => n.Workflow).OfType<SpecReference>().Where(r => r.Name != workflow.Name && !children.ContainsKey(r.Name)))
            {
                var childVersions = await store.GetSpecVersionsAsync(SpecKind.Workflow, reference.Name, cancellationToken);
                var chosen = reference.Version is { } v ? childVersions.FirstOrDefault(c => c.Version == v) : (childVersions.Count > 0 ? childVersions[^1] : null);
                if (chosen is not null)
                {
                    var child = (WorkflowSpec)SpecLoader.Parse(chosen.Content, $"{reference}.json", SpecFormat.Json);
                    children[reference.Name] = child;
                    pending.Enqueue(child);
                }
            }
        }

        return (workflow, fromLedger, children);
    }
}
