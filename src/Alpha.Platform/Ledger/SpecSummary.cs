using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>A spec in a listing: its latest version and how many versions it has.</summary>
/// <param name="Kind">The spec's kind.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="SpecId">Stable id of the spec.</param>
/// <param name="Versions">How many versions exist.</param>
/// <param name="LatestVersion">The highest version number.</param>
/// <param name="LatestVersionId">Its version id.</param>
/// <param name="LatestHash">Its spec_hash.</param>
/// <param name="LatestCreatedAt">When it was written.</param>
public sealed record SpecSummary(SpecKind Kind, string Name, string SpecId, int Versions, int LatestVersion, string LatestVersionId, string LatestHash, DateTimeOffset LatestCreatedAt);
