namespace Alpha.Workflows.Nodes;

/// <summary>The result of one node execution, passed along the workflow's edges.</summary>
/// <param name="NodeId">The node that produced it.</param>
/// <param name="Text">Its output.</param>
public sealed record NodeOutput(string NodeId, string Text);
