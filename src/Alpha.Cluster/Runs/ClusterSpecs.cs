using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows;
using Alpha.Workflows.Llm;

namespace Alpha.Cluster.Runs;

/// <summary>Turns specs into a <see cref="ClusterDispatch"/> (hash-locked in the ledger) and back into a <see cref="WorkflowDispatch"/> on any node.</summary>
public static class ClusterSpecs
{
    /// <summary>
    /// Locks the workflow, its agents and its child workflows (nested, <paramref name="workflows"/>) in the ledger (the
    /// same content reuses the same version rows) and names them by version id.
    /// </summary>
    public static async Task<ClusterDispatch> LockAsync(ILedgerStore ledger, WorkflowSpec workflow, IReadOnlyDictionary<string, AgentSpec> agents, JsonObject? inputs, string? experimentId, IReadOnlyDictionary<string, WorkflowSpec>? workflows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(agents);
        var workflowVersion = await ledger.SnapshotAsync(workflow, cancellationToken).ConfigureAwait(false);
        var agentVersions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, agent) in agents.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            agentVersions[name] = (await ledger.SnapshotAsync(agent, cancellationToken).ConfigureAwait(false)).VersionId;
        }

        Dictionary<string, string>? childVersions = null;
        foreach (var (name, child) in (workflows ?? new Dictionary<string, WorkflowSpec>()).OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            (childVersions ??= new(StringComparer.Ordinal))[name] = (await ledger.SnapshotAsync(child, cancellationToken).ConfigureAwait(false)).VersionId;
        }

        return new ClusterDispatch(workflowVersion.VersionId, agentVersions, inputs?.ToJsonString(), experimentId, WorkflowVersionIds: childVersions);
    }

    /// <summary>Reads the dispatch's spec versions (child workflows too) from the ledger and builds the run (a resumed run names the run it continues and serves its recorded calls).</summary>
    /// <exception cref="InvalidOperationException">A spec version is missing or no longer parses.</exception>
    public static async Task<WorkflowDispatch> ToWorkflowDispatchAsync(ILedgerStore ledger, ClusterDispatch dispatch, string? continuesRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(dispatch);
        var workflow = (WorkflowSpec)await LoadAsync(ledger, SpecKind.Workflow, dispatch.WorkflowVersionId, cancellationToken).ConfigureAwait(false);
        var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
        foreach (var (name, versionId) in dispatch.AgentVersionIds)
        {
            agents[name] = (AgentSpec)await LoadAsync(ledger, SpecKind.Agent, versionId, cancellationToken).ConfigureAwait(false);
        }

        Dictionary<string, WorkflowSpec>? children = null;
        foreach (var (name, versionId) in dispatch.WorkflowVersionIds ?? new Dictionary<string, string>())
        {
            (children ??= new(StringComparer.Ordinal))[name] = (WorkflowSpec)await LoadAsync(ledger, SpecKind.Workflow, versionId, cancellationToken).ConfigureAwait(false);
        }

        var inputs = dispatch.InputsJson is null ? null : JsonNode.Parse(dispatch.InputsJson) as JsonObject;
        return new WorkflowDispatch(workflow, agents, inputs, dispatch.ExperimentId, continuesRunId, Workflows: children);
    }

    /// <summary>The answered model calls of an interrupted run, by request hash (a resumed run gets them again for free).</summary>
    public static async Task<IReadOnlyDictionary<string, Queue<string>>> RecordedCallsAsync(ILedgerStore ledger, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var calls = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        if (await ledger.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } detail)
        {
            return calls;
        }

        foreach (var step in detail.Steps.Where(s => s.Kind == AgentRunStep.ModelKind && s.Response is not null && s.Error is null).OrderBy(s => s.CreatedAt).ThenBy(s => s.Sequence))
        {
            if (JsonNode.Parse(step.Request)?["hash"]?.GetValue<string>() is { } hash)
            {
                if (!calls.TryGetValue(hash, out var queue))
                {
                    calls[hash] = queue = new Queue<string>();
                }

                queue.Enqueue(step.Response!);
            }
        }

        return calls;
    }

    /// <summary>The request hash a recorded step carries (<see cref="RequestHash.Compute"/>).</summary>
    internal static string Hash(string model, IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages) => RequestHash.Compute(model, messages);

    /// <summary>A spec version from the ledger, parsed.</summary>
    internal static async Task<Spec> LoadAsync(ILedgerStore ledger, SpecKind kind, string versionId, CancellationToken cancellationToken)
    {
        var version = await ledger.GetSpecVersionAsync(kind, versionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{SpecKindNames.ToName(kind)} spec version {versionId} is not in the ledger");
        try
        {
            return SpecLoader.Parse(version.Content, $"{version.Name}@{version.Version}.json", SpecFormat.Json);
        }
        catch (Exception ex) when (ex is SpecValidationException or JsonException)
        {
            throw new InvalidOperationException($"{SpecKindNames.ToName(kind)} spec version {versionId} no longer parses: {ex.Message}", ex);
        }
    }
}
