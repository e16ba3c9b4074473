using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Llm;

namespace Alpha.Workflows.Replay;

/// <summary>
/// Replays a finished workflow run: reads the exact spec versions it ran (named in its <c>workflow.started</c>
/// frame) and its inputs from the ledger, and dispatches them again as a new run whose parent is the original.
/// Re-locking the same content finds the same version rows, so both runs point at the same versions.
/// </summary>
public sealed class WorkflowReplayer(WorkflowRuntime runtime, ILedgerStore ledger)
{
    /// <summary>Replays run <paramref name="runId"/>.</summary>
    /// <exception cref="InvalidOperationException">The run does not exist, is not a workflow run, or its spec versions are missing.</exception>
    public async Task<WorkflowRunResult> ReplayAsync(string runId, ReplayMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var detail = await ledger.GetRunAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run {runId} is not in the ledger ({ledger.Location})");
        if (detail.Run.SpecKind != SpecKind.Workflow)
        {
            throw new InvalidOperationException($"run {runId} is an {SpecKindNames.ToName(detail.Run.SpecKind)} run; only workflow runs replay here");
        }

        var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
        var workflows = new Dictionary<string, WorkflowSpec>(StringComparer.Ordinal);
        var recorded = mode == ReplayMode.Recorded ? new RecordedCalls() : null;
        var workflow = await CollectAsync(detail, agents, workflows, recorded, cancellationToken).ConfigureAwait(false);

        // Run details never carry the inputs (they can be large): read them on their own.
        var stored = await ledger.GetRunInputsAsync(detail.Run.RunId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var inputs = stored is null ? null : JsonNode.Parse(stored.Text) as JsonObject;
        return await runtime.RunAsync(new WorkflowDispatch(workflow, agents, inputs, detail.Run.ExperimentId, runId, recorded, workflows), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a run's workflow spec, its agents and (for recorded mode) its answered model calls, and those of every
    /// child run it started (nested workflows, named by their <c>node.ID.child</c> frames).
    /// </summary>
    private async Task<WorkflowSpec> CollectAsync(RunDetail detail, Dictionary<string, AgentSpec> agents, Dictionary<string, WorkflowSpec> workflows, RecordedCalls? recorded, CancellationToken cancellationToken)
    {
        var runId = detail.Run.RunId;
        var workflow = (WorkflowSpec)await LoadAsync(SpecKind.Workflow, detail.Run.SpecVersionId, cancellationToken).ConfigureAwait(false);
        var started = detail.Frames.FirstOrDefault(f => f.Stage == "workflow.started")
            ?? throw new InvalidOperationException($"run {runId} has no workflow.started frame naming its spec versions");
        var versions = JsonNode.Parse(started.Extras)?["spec_versions"]?.AsObject()
            ?? throw new InvalidOperationException($"run {runId}'s workflow.started frame does not name its spec versions");
        foreach (var (name, versionId) in versions)
        {
            if (name != workflow.Name && versionId?.GetValue<string>() is { } id && !agents.ContainsKey(name))
            {
                agents[name] = (AgentSpec)await LoadAsync(SpecKind.Agent, id, cancellationToken).ConfigureAwait(false);
            }
        }

        if (recorded is not null)
        {
            var nodes = detail.AgentRuns.ToDictionary(a => a.AgentRunId, a => a.Node, StringComparer.Ordinal);
            foreach (var step in detail.Steps.Where(s => s.Kind == AgentRunStep.ModelKind && s.Response is not null && s.Error is null).OrderBy(s => s.CreatedAt).ThenBy(s => s.Sequence))
            {
                if (nodes.TryGetValue(step.AgentRunId, out var node) && JsonNode.Parse(step.Request)?["hash"]?.GetValue<string>() is { } hash)
                {
                    recorded.Add(node, hash, step.Response!);
                }
            }
        }

        foreach (var frame in detail.Frames.Where(f => f.Stage.EndsWith(".child", StringComparison.Ordinal)))
        {
            if (JsonNode.Parse(frame.Extras)?["child_run_id"]?.GetValue<string>() is { } childId
                && await ledger.GetRunAsync(childId, cancellationToken).ConfigureAwait(false) is { } child)
            {
                var childSpec = await CollectAsync(child, agents, workflows, recorded, cancellationToken).ConfigureAwait(false);
                workflows[childSpec.Name] = childSpec;
            }
        }

        return workflow;
    }

    private async Task<Spec> LoadAsync(SpecKind kind, string versionId, CancellationToken cancellationToken)
    {
        var version = await ledger.GetSpecVersionAsync(kind, versionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{SpecKindNames.ToName(kind)} spec version {versionId} is not in the ledger");
        try
        {
            return SpecLoader.Parse(version.Content, $"{version.Name}@{version.Version}.json", SpecFormat.Json);
        }
        catch (SpecValidationException ex)
        {
            throw new InvalidOperationException($"{SpecKindNames.ToName(kind)} spec version {versionId} no longer parses: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{SpecKindNames.ToName(kind)} spec version {versionId} is not JSON: {ex.Message}", ex);
        }
    }
}
