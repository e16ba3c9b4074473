namespace Alpha.Cluster.Status;

/// <summary>The cluster: its id and every node the membership table lists (dead ones until Orleans removes them).</summary>
/// <param name="ClusterId">Orleans' cluster id.</param>
/// <param name="Nodes">The nodes, active first.</param>
public sealed record ClusterStatus(string ClusterId, IReadOnlyList<ClusterNodeStatus> Nodes)
{
    /// <summary>How many nodes are active.</summary>
    public int ActiveNodes => Nodes.Count(n => n.Status == "Active");
}
