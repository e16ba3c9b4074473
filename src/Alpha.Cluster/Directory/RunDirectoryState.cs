namespace Alpha.Cluster.Directory;

/// <summary>The persisted run keys of one node.</summary>
[GenerateSerializer]
public sealed class RunDirectoryState
{
    /// <summary>Grain keys of the runs the node drives.</summary>
    [Id(0)] public HashSet<string> Runs { get; set; } = [];
}
