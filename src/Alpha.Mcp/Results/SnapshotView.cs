namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>snapshot_spec</c>: the locked version (the same content always gives the same row).</summary>
/// <param name="Spec">The version.</param>
/// <param name="SpecId">The spec's id.</param>
/// <param name="Created">True for new content, false when this content was already locked.</param>
/// <param name="CreatedAt">When the version was locked.</param>
public sealed record SnapshotView(SpecRefView Spec, string SpecId, bool Created, DateTimeOffset CreatedAt);
