namespace Alpha.Cluster;

/// <summary>Names shared by every node.</summary>
public static class ClusterNames
{
    /// <summary>The grain storage provider (ADO.NET on the ledger's PostgreSQL) holding run and directory state.</summary>
    public const string Storage = "alpha";
}
