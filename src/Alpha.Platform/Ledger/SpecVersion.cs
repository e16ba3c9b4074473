using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>One immutable spec version row.</summary>
/// <param name="Kind">The spec's kind (its table).</param>
/// <param name="Name">The spec's name.</param>
/// <param name="SpecId">Stable id of the spec.</param>
/// <param name="VersionId">Id of this version.</param>
/// <param name="Version">Version number: 1, 2, ...</param>
/// <param name="SpecHash">SHA-256 of <paramref name="Content"/>.</param>
/// <param name="Content">The canonical JSON that was hashed.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record SpecVersion(SpecKind Kind, string Name, string SpecId, string VersionId, int Version, string SpecHash, string Content, DateTimeOffset CreatedAt)
{
    /// <summary>This row as a snapshot result.</summary>
    public SpecSnapshot ToSnapshot(bool created) => new(Kind, Name, SpecId, VersionId, Version, SpecHash, created, CreatedAt);
}
