using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Nodes;

/// <summary>What one node execution receives: the run's inputs, the outputs of the nodes it depends on, and its model access.</summary>
/// <param name="RunId">The workflow run.</param>
/// <param name="NodeId">The node being executed.</param>
/// <param name="Inputs">The run's inputs (defaults applied).</param>
/// <param name="Upstream">Outputs of the nodes this one depends on, by node id, in edge declaration order.</param>
/// <param name="ChatClient">
/// The model client for one agent of this node (by agent spec name), already wrapped by the run's middleware
/// (cost caps, step recording, recorded replay). Null for a deterministic agent.
/// </param>
/// <param name="EmitToken">Reports a streamed piece of model output (an <c>agent.token</c> frame).</param>
/// <param name="WriteFrame">
/// Writes a frame of this node now (ledger and live view): the stage suffix (<c>step</c> gives <c>node.ID.step</c>),
/// the message and the extras. Null when the node runs outside a workflow run.
/// </param>
public sealed record NodeInvocation(
    string RunId,
    string NodeId,
    JsonObject Inputs,
    IReadOnlyList<NodeOutput> Upstream,
    Func<string, IChatClient?> ChatClient,
    Action<string, string> EmitToken,
    Func<string, string, object?, Task>? WriteFrame = null);
