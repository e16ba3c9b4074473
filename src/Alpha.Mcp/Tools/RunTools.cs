using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Mcp.Hosting;
using Alpha.Mcp.Results;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Alpha.Mcp.Tools;

/// <summary>Workflow runs: start one by name, read one, list them, kill one.</summary>
[McpServerToolType]
internal sealed class RunTools(IMcpRunHost host)
{
    /// <summary>The most runs one page of list_runs holds.</summary>
    public const int MaxLimit = 500;

    [McpServerTool(Name = "run_workflow", Title = "Run a workflow", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(RunDescriptionView))]
    [Description("Start the latest locked version of a workflow (snapshot_spec locks one) with its inputs. Without wait it answers at once (the run as it has just started: its run_id and task_id); with wait it answers when the run has ended, and cancelling the call kills the run. Either way the answer is describe_run's. The run is recorded in the ledger and can be killed with kill_run.")]
    public async Task<CallToolResult> RunWorkflowAsync(
        [Description("The workflow spec's name.")] string name,
        [Description("The workflow's inputs as a JSON object, e.g. {\"ticket\": \"disk full on db-1\"}.")] JsonElement? inputs = null,
        [Description("The experiment to record the run under.")] string? experiment_id = null,
        [Description("Wait for the run to end and answer with its description (default false: answer at once).")] bool wait = false,
        CancellationToken cancellationToken = default)
    {
        var workflow = Arguments.Required(name, "name", "the name of a workflow spec locked with snapshot_spec");
        JsonObject? values = null;
        if (inputs is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given)
        {
            values = given.ValueKind == JsonValueKind.Object
                ? JsonNode.Parse(given.GetRawText())!.AsObject()
                : throw ToolResults.Invalid("inputs", $"is a JSON {given.ValueKind.ToString().ToLowerInvariant()}", "Give a JSON object of the workflow's inputs, e.g. {\"ticket\": \"disk full\"}.");
        }

        McpStartedRun? started;
        try
        {
            started = await host.StartWorkflowAsync(workflow, values, Arguments.Optional(experiment_id, "experiment_id"), cancellationToken);
        }
        catch (SpecValidationException ex)
        {
            throw new McpException($"workflow '{workflow}' cannot run with these inputs:\n" + string.Join('\n', ex.Errors.Select(e => $"- {e.Field}: {e.Message}")) + "\nFix them and call again.");
        }
        catch (InvalidOperationException ex)
        {
            throw new McpException($"workflow '{workflow}' cannot run: {SecretRedactor.Default.Redact(ex.Message)}");
        }

        if (started is null)
        {
            throw ToolResults.Invalid("name", $"no workflow spec is named '{workflow}'", "Lock one with snapshot_spec first; describe_run or list_runs show runs, not specs.");
        }

        if (!wait)
        {
            return await DescribeAsync(started.RunId, $"Started workflow '{workflow}' as run {started.RunId} (task {started.TaskId}); describe_run {started.RunId} follows it, kill_run stops it.\n", cancellationToken);
        }

        try
        {
            await host.WaitAsync(started.RunId, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up waiting (notifications/cancelled, or its connection closed): the run it started stops with it.
            await host.KillAsync(started.RunId, "mcp caller cancelled", CancellationToken.None);
            throw;
        }

        return await DescribeAsync(started.RunId, string.Empty, cancellationToken);
    }

    [McpServerTool(Name = "describe_run", Title = "Describe a run", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(RunDescriptionView))]
    [Description("Describe one run of the ledger: its status, spec version, tokens and cost, each agent run, its frame count and last stage, and (for a run this process ran) a workflow's outputs or an analysis' ranked hypotheses. Never the run's inputs.")]
    public Task<CallToolResult> DescribeRunAsync(
        [Description("The run id (run_...), as run_workflow, analyze_incident or list_runs give it.")] string run_id,
        CancellationToken cancellationToken = default) =>
        DescribeAsync(Arguments.Required(run_id, "run_id", "a run id (run_...); list_runs lists them"), string.Empty, cancellationToken);

    [McpServerTool(Name = "list_runs", Title = "List runs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(RunListView))]
    [Description("List the ledger's runs (workflows and analyses), newest first, optionally by status or experiment; page with before = the previous answer's next.")]
    public async Task<CallToolResult> ListRunsAsync(
        [Description("Only runs with this status: pending, running, completed, failed, cancelled or capped.")] string? status = null,
        [Description("Only runs of this experiment.")] string? experiment_id = null,
        [Description("Runs per page, 1-500 (default 20).")] int limit = 20,
        [Description("The next page: the run id the previous answer gave as next.")] string? before = null,
        CancellationToken cancellationToken = default)
    {
        Arguments.Range(limit, "limit", 1, MaxLimit);
        RunStatus? wanted = null;
        if (Arguments.Optional(status, "status") is { } statusName)
        {
            wanted = LedgerNames.RunStatuses.Contains(statusName)
                ? LedgerNames.ParseRunStatus(statusName)
                : throw ToolResults.Invalid("status", $"'{statusName}' is not a run status", $"Use one of {string.Join(", ", LedgerNames.RunStatuses)}.");
        }

        // One more than asked says whether there is a next page.
        var runs = await host.Ledger.SearchRunsAsync(new RunQuery(wanted, Arguments.Optional(experiment_id, "experiment_id"), null, Arguments.Optional(before, "before"), limit + 1), cancellationToken);
        var page = runs.Take(limit).Select(ToolViews.Run).ToArray();
        var view = new RunListView(page, runs.Count > limit ? page[^1].RunId : null);
        var text = new StringBuilder(page.Length == 0 ? "No runs match." : $"{page.Length} runs, newest first:");
        foreach (var run in page)
        {
            text.Append('\n').Append("- ").Append(ToolViews.RunLine(run));
        }

        if (view.Next is { } next)
        {
            text.Append($"\nMore: call list_runs with before = {next}.");
        }

        return ToolResults.Of(view, text.ToString());
    }

    [McpServerTool(Name = "kill_run", Title = "Kill a run", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(KillView))]
    [Description("Kill a run in flight: its agents are cancelled, it ends cancelled, and a frame names who killed it. A workflow run of another process gets a kill request through the ledger.")]
    public async Task<CallToolResult> KillRunAsync(
        [Description("The run id (run_...).")] string run_id,
        CancellationToken cancellationToken = default)
    {
        var runId = Arguments.Required(run_id, "run_id", "a run id (run_...); list_runs with status running lists those in flight");
        const string by = "mcp";
        if (await host.KillAsync(runId, by, cancellationToken))
        {
            return ToolResults.Of(new KillView(runId, true, by), $"Kill sent to run {runId}; it ends cancelled (describe_run {runId} shows when).");
        }

        if (await host.Ledger.GetRunAsync(runId, cancellationToken) is not { } detail)
        {
            throw ToolResults.Invalid("run_id", $"no run '{runId}'", "list_runs lists the runs.");
        }

        throw LedgerNames.IsFinal(detail.Run.Status)
            ? ToolResults.Invalid("run_id", $"run {runId} has already ended ({LedgerNames.ToName(detail.Run.Status)})", "Nothing to kill.")
            : ToolResults.Invalid("run_id", $"run {runId} is an {SpecKindNames.ToName(detail.Run.SpecKind)} run of another process, which reads no kill request", "Stop that process (SIGINT/SIGTERM).");
    }

    private async Task<CallToolResult> DescribeAsync(string runId, string lead, CancellationToken cancellationToken)
    {
        if (await host.Ledger.GetRunAsync(runId, cancellationToken) is not { } detail)
        {
            throw ToolResults.Invalid("run_id", $"no run '{runId}'", "list_runs lists the runs.");
        }

        var version = await host.Ledger.GetSpecVersionAsync(detail.Run.SpecKind, detail.Run.SpecVersionId, cancellationToken);
        var kept = await host.ResultOfAsync(runId, cancellationToken);
        var result = KeptAnalysis.From(kept);
        var view = new RunDescriptionView(
            ToolViews.Run(detail.Run),
            version is null ? null : ToolViews.Spec(version),
            [.. detail.AgentRuns.Select(ToolViews.Node)],
            detail.Frames.Count,
            detail.Frames.Count == 0 ? null : detail.Frames[^1].Stage,
            ToolViews.Outputs(kept),
            result?.Top(IncidentTools.MaxTop, withEvidence: false));

        var text = new StringBuilder(lead).Append(ToolViews.RunLine(view.Run));
        if (view.Spec is { } spec)
        {
            text.Append($"\nSpec: {spec.Kind} '{spec.Name}' version {spec.Version} (sha256 {spec.SpecHash}).");
        }

        foreach (var node in view.Nodes)
        {
            text.Append($"\n- {node.Node} ({node.Agent}): {node.Status}, {node.InputTokens + node.OutputTokens} tokens{(node.Error is null ? string.Empty : ": " + node.Error)}");
        }

        text.Append($"\n{view.Frames} frames{(view.LastStage is null ? string.Empty : $", last stage {view.LastStage}")}.");
        foreach (var (node, output) in view.Outputs ?? [])
        {
            text.Append($"\nOutput of {node}: {output}");
        }

        if (view.Hypotheses is { Count: > 0 } hypotheses)
        {
            text.Append('\n').Append(ToolViews.HypothesesText(hypotheses));
        }

        return ToolResults.Of(view, text.ToString());
    }
}
