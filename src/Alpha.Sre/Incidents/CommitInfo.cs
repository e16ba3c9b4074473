namespace Alpha.Sre.Incidents;

/// <summary>A recent commit.</summary>
/// <param name="Sha">Commit id.</param>
/// <param name="Author">Author, when given.</param>
/// <param name="Timestamp">When it was committed (or merged), when given.</param>
/// <param name="Message">The commit message.</param>
/// <param name="Service">The service it belongs to, when given.</param>
/// <param name="Files">Files touched, when given.</param>
public sealed record CommitInfo(string Sha, string? Author, DateTimeOffset? Timestamp, string Message, string? Service, IReadOnlyList<CommitFile> Files);
