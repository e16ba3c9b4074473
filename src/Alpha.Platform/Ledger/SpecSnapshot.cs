using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>The outcome of hash-locking a spec: which version row holds its content, and whether this call created it.</summary>
/// <param name="Kind">The spec's kind.</param>
/// <param name="Name">The spec's name.</param>
/// <param name="SpecId">Stable id of the spec (all its versions): derived from kind and name.</param>
/// <param name="VersionId">Id of the immutable version row.</param>
/// <param name="Version">Version number within the spec: 1, 2, ...</param>
/// <param name="SpecHash">SHA-256 of the canonical JSON.</param>
/// <param name="Created">True when this call inserted the row; false when the same content was already locked.</param>
/// <param name="CreatedAt">When the version row was first written.</param>
public sealed record SpecSnapshot(SpecKind Kind, string Name, string SpecId, string VersionId, int Version, string SpecHash, bool Created, DateTimeOffset CreatedAt);
