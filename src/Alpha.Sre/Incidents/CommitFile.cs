namespace Alpha.Sre.Incidents;

/// <summary>A file touched by a commit.</summary>
/// <param name="Path">Repository path.</param>
/// <param name="Additions">Lines added.</param>
/// <param name="Deletions">Lines deleted.</param>
/// <param name="Patch">The unified diff, when given.</param>
public sealed record CommitFile(string Path, int Additions, int Deletions, string? Patch);
