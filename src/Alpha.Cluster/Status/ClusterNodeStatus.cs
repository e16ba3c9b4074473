namespace Alpha.Cluster.Status;

/// <summary>One node of the cluster as the membership table and its run directory tell.</summary>
/// <param name="Silo">Its silo address (<c>S127.0.0.1:11111:...</c>).</param>
/// <param name="Name">Its silo name.</param>
/// <param name="Host">Its host name.</param>
/// <param name="Status">Its membership status (<c>Active</c>, <c>Joining</c>, <c>ShuttingDown</c>, <c>Dead</c>, ...).</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="AliveAt">When it last wrote "I am alive".</param>
/// <param name="Runs">The cluster runs it drives (grain keys); its load.</param>
public sealed record ClusterNodeStatus(string Silo, string Name, string Host, string Status, DateTimeOffset StartedAt, DateTimeOffset AliveAt, IReadOnlyList<string> Runs);
