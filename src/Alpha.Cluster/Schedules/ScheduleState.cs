namespace Alpha.Cluster.Schedules;

/// <summary>The persisted registration of one cluster schedule (which spec version and node it reads); its fires are in the ledger.</summary>
[GenerateSerializer]
public sealed class ScheduleState
{
    /// <summary>The schedule spec version.</summary>
    [Id(0)] public string? SpecVersionId { get; set; }

    /// <summary>The schedule node's id in that spec.</summary>
    [Id(1)] public string? Node { get; set; }

    /// <summary>Whether it fires.</summary>
    [Id(2)] public bool Active { get; set; }
}
