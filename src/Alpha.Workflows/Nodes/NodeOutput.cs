namespace Alpha.Workflows.Nodes;

/// <summary>The result of one node execution, passed along the workflow's edges.</summary>
/// <param name="NodeId">The node that produced it.</param>
/// <param name="Text">Its output.</param>
/// <param name="Skipped">
/// True when this edge was not taken (its condition is false, or its source was skipped): the message only tells the
/// target not to wait for it. Node bodies never see skipped outputs.
/// </param>
public sealed record NodeOutput(string NodeId, string Text, bool Skipped = false);
