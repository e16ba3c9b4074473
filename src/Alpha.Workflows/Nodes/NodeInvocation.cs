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
/// Records a frame of this node (ledger and live view): the stage suffix (<c>step</c> gives <c>node.ID.step</c>),
/// the message and the extras. Live viewers get it at once; the ledger writes it with the run's next group commit
/// (milliseconds later). Null when the node runs outside a workflow run.
/// </param>
/// <param name="EmitFrame">
/// The same as <paramref name="WriteFrame"/> for callers that cannot await: a step inside the node as a
/// <c>node.&lt;id&gt;.&lt;stage&gt;</c> frame (stage, message, extras), e.g. a debate or crew turn.
/// </param>
public sealed record NodeInvocation(
    string RunId,
    string NodeId,
    JsonObject Inputs,
    IReadOnlyList<NodeOutput> Upstream,
    Func<string, IChatClient?> ChatClient,
    Action<string, string> EmitToken,
    Func<string, string, object?, Task>? WriteFrame = null,
    Action<string, string, object?>? EmitFrame = null);
