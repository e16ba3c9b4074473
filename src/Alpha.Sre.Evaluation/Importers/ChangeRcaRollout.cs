namespace Alpha.Sre.Evaluation.Importers;

/// <summary>The rollout of one service in a ChangeRCA case's plan, as the importer uses it.</summary>
/// <param name="Service">The service rolled out.</param>
/// <param name="StartedAt">The plan's <c>release_time</c>: when the first new pod was created.</param>
/// <param name="CompletedAt">The last step's <c>release_complete_timestamp</c>.</param>
/// <param name="ReleasedPods">The new pods, in step order.</param>
/// <param name="DeletedPods">The old pods each step deleted, with the time that step completed (the pod is gone from then on).</param>
public sealed record ChangeRcaRollout(
    string Service,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    IReadOnlyList<string> ReleasedPods,
    IReadOnlyDictionary<string, DateTimeOffset> DeletedPods);
