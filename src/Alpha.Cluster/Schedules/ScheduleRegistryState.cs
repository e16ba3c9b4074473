namespace Alpha.Cluster.Schedules;

/// <summary>The persisted schedule keys of the cluster.</summary>
[GenerateSerializer]
public sealed class ScheduleRegistryState
{
    /// <summary>Schedule keys (<c>spec/node</c>).</summary>
    [Id(0)] public HashSet<string> Keys { get; set; } = [];
}
