namespace Alpha.Sre.Integrations;

/// <summary>What <see cref="IncidentFetcher"/> should read: the window and at least one source.</summary>
public sealed record IncidentFetchRequest
{
    /// <summary>Window start (inclusive).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Window end (inclusive); must be after <see cref="Since"/>.</summary>
    public required DateTimeOffset Until { get; init; }

    /// <summary>The Sentry project slug whose issues become log entries; null to skip Sentry.</summary>
    public string? SentryProject { get; init; }

    /// <summary>The GitHub repository (<c>owner/name</c>) whose commits become recent_commits; null to skip GitHub.</summary>
    public string? GitHubRepository { get; init; }

    /// <summary>The branch, tag or sha to list commits from; the default branch when null.</summary>
    public string? GitHubRef { get; init; }

    /// <summary>The deployment id to write; derived from the sources when null (see <see cref="IncidentFetcher"/>).</summary>
    public string? DeploymentId { get; init; }
}
