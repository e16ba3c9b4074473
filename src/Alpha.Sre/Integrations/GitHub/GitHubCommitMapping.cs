using System.Globalization;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Integrations.GitHub;

/// <summary>Turns GitHub commits into Alpha's <c>recent_commits</c> entries.</summary>
internal static class GitHubCommitMapping
{
    /// <summary>
    /// The commit as Alpha reads it: the GitHub login (else the git author name), the committer date (when it landed;
    /// else the author date), the full message, and each file's path, line counts and patch (cut at
    /// <paramref name="maxPatchLength"/> characters).
    /// </summary>
    public static CommitInfo ToCommitInfo(GitHubCommit commit, string? service, int maxPatchLength)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return new CommitInfo(
            commit.Sha,
            commit.AuthorLogin ?? commit.AuthorName,
            commit.CommittedAt ?? commit.AuthoredAt,
            commit.Message,
            service,
            [.. commit.Files.Select(f => new CommitFile(f.Filename, f.Additions, f.Deletions, Cut(f.Patch, maxPatchLength)))]);
    }

    private static string? Cut(string? patch, int max) =>
        patch is null || patch.Length <= max
            ? patch
            : string.Create(CultureInfo.InvariantCulture, $"{patch[..max]}\n... ({patch.Length - max} more characters cut by alpha)");
}
