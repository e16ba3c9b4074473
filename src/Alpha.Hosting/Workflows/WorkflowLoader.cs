using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// Finds a workflow to dispatch, for every host (<c>alpha workflows run</c>, <c>alpha workflows schedule</c>,
/// <c>alpha serve</c>): a spec file with the agent and workflow specs beside it, or a workflow name in the ledger with
/// the latest locked version of each agent and nested workflow it names (or the pinned version).
/// </summary>
public static class WorkflowLoader
{
    /// <summary>
    /// <paramref name="target"/> as a file when one exists (agent specs and nested workflow specs are read from its folder
    /// and its <c>agents/</c> folder), else as a workflow name in the ledger (<see cref="LoadFromLedgerAsync"/>).
    /// </summary>
    /// <exception cref="SpecValidationException">The file is not a valid workflow spec, or no workflow has that name.</exception>
    public static async Task<LoadedWorkflow> LoadAsync(ILedgerStore ledger, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (File.Exists(target))
        {
            return await LoadFileAsync(target, cancellationToken).ConfigureAwait(false);
        }

        return await LoadFromLedgerAsync(ledger, target, cancellationToken).ConfigureAwait(false)
            ?? throw new SpecValidationException([new SpecError(target, null, "$", "is neither a spec file nor a workflow in the ledger; give a path, or run the file once so its name is known")]);
    }

    /// <summary>
    /// The latest locked version of workflow <paramref name="name"/>, with the agents and nested workflows it names (and
    /// those of its nested workflows) at their latest locked version or their pin; null when no workflow has that name.
    /// A name with no locked version is left out (the dispatch then says which is missing).
    /// </summary>
    public static async Task<LoadedWorkflow?> LoadFromLedgerAsync(ILedgerStore ledger, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var versions = await ledger.GetSpecVersionsAsync(SpecKind.Workflow, name, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }

        var workflow = (WorkflowSpec)SpecLoader.Parse(versions[^1].Content, $"{name}@{versions[^1].Version}.json", SpecFormat.Json);
        var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
        var children = new Dictionary<string, WorkflowSpec>(StringComparer.Ordinal);
        var pending = new Queue<WorkflowSpec>([workflow]);
        while (pending.TryDequeue(out var current))
        {
            foreach (var reference in current.Nodes.SelectMany(n => n.Agents).DistinctBy(r => r.Name).Where(r => !agents.ContainsKey(r.Name)))
            {
                if (await ChooseAsync(ledger, SpecKind.Agent, reference, cancellationToken).ConfigureAwait(false) is AgentSpec agent)
                {
                    agents[reference.Name] = agent;
                }
            }

            foreach (var reference in current.Nodes.Select(n => n.Workflow).OfType<SpecReference>().Where(r => r.Name != workflow.Name && !children.ContainsKey(r.Name)))
            {
                if (await ChooseAsync(ledger, SpecKind.Workflow, reference, cancellationToken).ConfigureAwait(false) is WorkflowSpec child)
                {
                    children[reference.Name] = child;
                    pending.Enqueue(child);
                }
            }
        }

        return new LoadedWorkflow(workflow, agents, children);
    }

    private static async Task<LoadedWorkflow> LoadFileAsync(string path, CancellationToken cancellationToken)
    {
        if (await SpecLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false) is not WorkflowSpec workflow)
        {
            throw await SpecLines.LocateAsync(new SpecValidationException([new SpecError(path, null, "kind", "is not a workflow spec (kind: workflow)")]), path, cancellationToken).ConfigureAwait(false);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var agents = new Dictionary<string, AgentSpec>(StringComparer.Ordinal);
        var workflows = new Dictionary<string, WorkflowSpec>(StringComparer.Ordinal);
        foreach (var dir in new[] { folder, Path.Combine(folder, "agents") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(dir).Where(IsSpecFile).Order(StringComparer.Ordinal))
            {
                // Sibling workflow specs are the nested workflows a node may name (workflow: name).
                switch (Path.GetFullPath(file) == Path.GetFullPath(path) ? null : await SpecLoader.LoadAsync(file, cancellationToken).ConfigureAwait(false))
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

        return new LoadedWorkflow(workflow, agents, workflows, path);
    }

    private static bool IsSpecFile(string file) =>
        file.EndsWith(".yaml", StringComparison.Ordinal) || file.EndsWith(".yml", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal);

    // The pinned version of a reference, else the latest; null when that name (or pin) has no locked version.
    private static async Task<Spec?> ChooseAsync(ILedgerStore ledger, SpecKind kind, SpecReference reference, CancellationToken cancellationToken)
    {
        var versions = await ledger.GetSpecVersionsAsync(kind, reference.Name, cancellationToken).ConfigureAwait(false);
        var chosen = reference.Version is { } pin ? versions.FirstOrDefault(v => v.Version == pin) : (versions.Count > 0 ? versions[^1] : null);
        return chosen is null ? null : SpecLoader.Parse(chosen.Content, $"{reference}.json", SpecFormat.Json);
    }
}
