namespace Alpha.Sre.Incidents;

/// <summary>A rollout of one service.</summary>
/// <param name="Service">The service deployed.</param>
/// <param name="FromVersion">Version before.</param>
/// <param name="ToVersion">Version after.</param>
/// <param name="StartedAt">When the rollout started.</param>
/// <param name="CompletedAt">When it completed.</param>
public sealed record Deployment(string Service, string? FromVersion, string? ToVersion, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);
