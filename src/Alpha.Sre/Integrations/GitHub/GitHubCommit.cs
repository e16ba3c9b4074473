namespace Alpha.Sre.Integrations.GitHub;

/// <summary>A commit of a GitHub repository.</summary>
/// <param name="Sha">The full commit id.</param>
/// <param name="Message">The commit message.</param>
/// <param name="AuthorName">The git author's name.</param>
/// <param name="AuthorLogin">The GitHub account of the author, when GitHub could match it.</param>
/// <param name="AuthoredAt">The git author date.</param>
/// <param name="CommittedAt">The git committer date (when it landed on the branch, for merges and rebases).</param>
/// <param name="Files">Changed files; empty in commit lists, filled by <see cref="GitHubClient.GetCommitAsync"/>.</param>
/// <param name="FilesIncomplete">True when the commit changed more files than were read.</param>
public sealed record GitHubCommit(
    string Sha,
    string Message,
    string? AuthorName,
    string? AuthorLogin,
    DateTimeOffset? AuthoredAt,
    DateTimeOffset? CommittedAt,
    IReadOnlyList<GitHubCommitFile> Files,
    bool FilesIncomplete = false);
