namespace Alpha.Workflows.Nodes;

/// <summary>How a fusion node combines the outputs of the nodes fanned in to it.</summary>
public enum MergeStrategy
{
    /// <summary>Every upstream output, one line each (<c>node: output</c>), in edge order.</summary>
    Concat,

    /// <summary>The output most upstream nodes gave (ties: the earliest in edge order).</summary>
    Majority,

    /// <summary>The node's agent reads every upstream output and writes the merged answer.</summary>
    Agent,
}
