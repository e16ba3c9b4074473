using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Server.Runs;

/// <summary>
/// A workflow to dispatch by name: the latest locked version of that workflow spec, and for each agent it names the
/// latest locked version of that agent spec (or the pinned one), as <c>alpha workflows run NAME</c> resolves them.
/// </summary>
internal static class LedgerWorkflows
{
    /// <summary>The workflow and its agents; null when no workflow spec has that name.</summary>
    public static async Task<(WorkflowSpec Workflow, IReadOnlyDictionary<string, AgentSpec> Agents)?> LoadAsync(ILedgerStore ledger, string name, CancellationToken cancellationToken)
    {
        var versions = await ledger.GetSpecVersionsAsync(SpecKind.Workflow, name, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }

        var workflow = (WorkflowSpec)SpecLoader.Parse(versions[^1].Content, $"{name}@{versions[^1].Version}.json", SpecFormat.Json);
        var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
        foreach (var reference in workflow.Nodes.SelectMany(n => n.Agents).DistinctBy(r => r.Name))
        {
            var agentVersions = await ledger.GetSpecVersionsAsync(SpecKind.Agent, reference.Name, cancellationToken).ConfigureAwait(false);
            var chosen = reference.Version is { } v ? agentVersions.FirstOrDefault(a => a.Version == v) : (agentVersions.Count > 0 ? agentVersions[^1] : null);
            if (chosen is not null)
            {
                agents[reference.Name] = (AgentSpec)SpecLoader.Parse(chosen.Content, $"{reference}.json", SpecFormat.Json);
            }
        }

        return (workflow, agents);
    }
}
