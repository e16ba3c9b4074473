namespace Alpha.Server.Models;

/// <summary>What a provider answered to its probe.</summary>
/// <param name="Status"><c>ok</c>, <c>unauthorized</c>, <c>unreachable</c> or <c>error</c>.</param>
/// <param name="LatencyMs">How long the probe took.</param>
/// <param name="Detail">One line for a person (never a credential).</param>
/// <param name="CheckedAt">When.</param>
public sealed record ProviderHealth(string Status, long LatencyMs, string Detail, DateTimeOffset CheckedAt);
