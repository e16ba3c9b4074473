using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Specs;

namespace Alpha.Workflows.Nodes;

/// <summary>
/// Rule-based agents for offline runs, chosen by the model id: each answer is a pure function of what the agent
/// reads (run inputs, upstream outputs, graph state), so runs and replays are comparable and conditions are driven
/// by content, not by a counter.
/// <list type="bullet">
/// <item><c>deterministic</c>: names what it read.</item>
/// <item><c>deterministic/checklist</c>: a reviewer. Checks that every item of the run input <c>checklist</c> (a list,
/// or comma-separated text) appears in the texts it reads (not counting its own previous answer); answers
/// <c>approve</c>, or <c>revise: missing a, b</c>.</item>
/// <item><c>deterministic/reviser</c>: a writer. Starts from a draft of the run's text inputs; each turn adds the
/// first item a reviewer said was missing (<c>missing: a, b</c> in what it reads) as a bullet, and otherwise keeps
/// its text unchanged.</item>
/// </list>
/// </summary>
internal static class DeterministicAgents
{
    /// <summary>The model ids handled here.</summary>
    public static IReadOnlyList<string> Models { get; } = [AgentSpec.DeterministicModel, "deterministic/checklist", "deterministic/reviser"];

    /// <summary>True when <paramref name="agent"/> runs without a model.</summary>
    public static bool Is(AgentSpec agent) =>
        agent.Model is AgentSpec.DeterministicModel or "none" or "" || agent.Model.StartsWith(AgentSpec.DeterministicModel + "/", StringComparison.Ordinal);

    /// <summary>The agent's answer.</summary>
    /// <param name="agent">A deterministic agent.</param>
    /// <param name="invocation">What it reads: inputs and upstream outputs (in a graph, the other state keys too).</param>
    /// <param name="own">The key of the agent's own previous answer among the upstream outputs (a graph step's key); null outside a graph.</param>
    /// <exception cref="InvalidOperationException">The model id is not a known deterministic behaviour, or the checklist input is missing.</exception>
    public static string Answer(AgentSpec agent, NodeInvocation invocation, string? own)
    {
        var previous = own is null ? null : invocation.Upstream.FirstOrDefault(u => u.NodeId == own)?.Text;
        var others = invocation.Upstream.Where(u => u.NodeId != own).ToArray();
        return agent.Model switch
        {
            "deterministic/checklist" => Checklist(agent, invocation.Inputs, others),
            "deterministic/reviser" => Revise(invocation.Inputs, previous, others),
            _ when agent.Model.StartsWith(AgentSpec.DeterministicModel + "/", StringComparison.Ordinal) =>
                throw new InvalidOperationException($"agent '{agent.Name}': model '{agent.Model}' is not a deterministic behaviour; use one of {string.Join(", ", Models)}"),
            _ => others.Length == 0
                ? $"{agent.Name}: read inputs {string.Join(", ", invocation.Inputs.Select(p => p.Key).Order(StringComparer.Ordinal))}"
                : $"{agent.Name}: read {others.Length} upstream outputs ({string.Join(", ", others.Select(u => u.NodeId))})",
        };
    }

    private static string Checklist(AgentSpec agent, JsonObject inputs, IReadOnlyList<NodeOutput> read)
    {
        var items = inputs["checklist"] switch
        {
            JsonArray list => list.Select(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : i?.ToJsonString() ?? string.Empty),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Split(','),
            _ => throw new InvalidOperationException($"agent '{agent.Name}' (deterministic/checklist) needs the run input 'checklist': a list of what the text must mention"),
        };
        var missing = items.Select(i => i.Trim()).Where(i => i.Length > 0 && !read.Any(r => r.Text.Contains(i, StringComparison.OrdinalIgnoreCase))).ToArray();
        return missing.Length == 0 ? "approve" : $"revise: missing {string.Join(", ", missing)}";
    }

    private static string Revise(JsonObject inputs, string? previous, IReadOnlyList<NodeOutput> read)
    {
        var text = new StringBuilder(previous ?? "draft: " + string.Join("; ", inputs
            .Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value!.GetValue<string>())));
        var feedback = read.Select(r => r.Text).LastOrDefault(t => t.Contains("missing ", StringComparison.OrdinalIgnoreCase));
        if (feedback is not null)
        {
            var named = feedback[(feedback.IndexOf("missing ", StringComparison.OrdinalIgnoreCase) + "missing ".Length)..]
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (named.FirstOrDefault(n => !text.ToString().Contains(n, StringComparison.OrdinalIgnoreCase)) is { } add)
            {
                text.Append("\n- ").Append(add);
            }
        }

        return text.ToString();
    }
}
