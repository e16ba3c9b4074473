namespace Alpha.Sre.Integrations.GitHub;

/// <summary>A file changed by a commit, from the commit endpoint's <c>files</c>.</summary>
/// <param name="Filename">The repository path.</param>
/// <param name="Status">added, modified, removed, renamed...</param>
/// <param name="Additions">Lines added.</param>
/// <param name="Deletions">Lines deleted.</param>
/// <param name="Patch">The unified diff; null for binary or very large files.</param>
public sealed record GitHubCommitFile(string Filename, string? Status, int Additions, int Deletions, string? Patch);
