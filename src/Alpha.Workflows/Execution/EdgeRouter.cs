using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Alpha.Workflows.Nodes;
using Microsoft.Agents.AI.Workflows;

namespace Alpha.Workflows.Execution;

/// <summary>
/// Conditional workflow edges. A finished node sends one message per outgoing edge (the framework's targeted
/// send): its output when the edge's condition holds, a skipped marker otherwise. A node whose incoming messages are
/// all skipped is itself skipped (a <c>node.ID.skipped</c> frame, no agent_runs row) and marks every edge out of it
/// skipped, so skipping propagates and a fan-in still hears from every predecessor (it never waits forever).
/// </summary>
internal static class EdgeRouter
{
    /// <summary>Sends <paramref name="output"/> along every outgoing edge of <paramref name="node"/> whose condition holds, and a skipped marker along the others.</summary>
    public static async ValueTask SendAsync(NodeRun node, NodeOutput output, IWorkflowContext context, RunState state, CancellationToken cancellationToken)
    {
        foreach (var edge in node.Outgoing)
        {
            var taken = edge.When is null || edge.When.Holds(Read(edge, output.Text, state));
            await context.SendMessageAsync(taken ? output : output with { Skipped = true }, edge.Target, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records that <paramref name="node"/> is skipped and passes the skip on to its successors.</summary>
    public static async ValueTask SkipAsync(NodeRun node, IReadOnlyList<NodeOutput> upstream, IWorkflowContext context, RunState state, CancellationToken cancellationToken)
    {
        var id = node.Node.Id;
        state.Journal.Append($"node.{id}.skipped", $"node {id} skipped: no incoming edge was taken", new { node = id, from = upstream.Select(u => u.NodeId) });
        foreach (var edge in node.Outgoing)
        {
            await context.SendMessageAsync(new NodeOutput(id, string.Empty, Skipped: true), edge.Target, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What an edge condition reads: the source's output (no key), another node's output, or a run input.</summary>
    private static string? Read(WorkflowEdge edge, string sourceOutput, RunState state) => edge.When!.Key switch
    {
        null => sourceOutput,
        { } key when key.StartsWith("inputs.", StringComparison.Ordinal) => state.Inputs[key["inputs.".Length..]] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonNode other => other.ToJsonString(),
        },
        { } key => state.Outputs.GetValueOrDefault(key),
    };
}
