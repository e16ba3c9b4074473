namespace Alpha.Server.Sources;

/// <summary>What probing a data source found.</summary>
/// <param name="Name">The entry's id.</param>
/// <param name="Kind">sentry, github or file.</param>
/// <param name="Ok">True when the source answered as it should.</param>
/// <param name="Status"><c>ok</c>, <c>not_configured</c>, <c>unauthorized</c>, <c>forbidden</c>, <c>not_found</c>, <c>unreachable</c>, <c>invalid</c> or <c>error</c>.</param>
/// <param name="LatencyMs">How long the probe took.</param>
/// <param name="Detail">What was found, one line (never a credential).</param>
/// <param name="Hint">What to do about it; empty when ok.</param>
public sealed record SourceProbe(string Name, string Kind, bool Ok, string Status, long LatencyMs, string Detail, string Hint);
