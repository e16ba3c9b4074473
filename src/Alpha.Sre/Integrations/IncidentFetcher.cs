using System.Globalization;
using Alpha.Sre.Incidents;
using Alpha.Sre.Integrations.GitHub;
using Alpha.Sre.Integrations.Sentry;

namespace Alpha.Sre.Integrations;

/// <summary>
/// Builds an Alpha incident from the vendors: Sentry issues and their recent events in the window become log
/// entries, GitHub commits in the window (with files and patches) become recent_commits. The deployment id is the
/// one given, else <c>{repo}@{newest short sha}</c> when there are commits, else <c>{project}@{window end}</c>; the
/// onset (<c>detected_at</c>) is the first sighting of the earliest Sentry issue that began inside the window.
/// </summary>
public sealed class IncidentFetcher
{
    private readonly SentryClient? _sentry;
    private readonly GitHubClient? _gitHub;

    /// <summary>Creates a fetcher over whichever clients are configured (null to leave a source out).</summary>
    public IncidentFetcher(SentryClient? sentry, GitHubClient? gitHub)
    {
        _sentry = sentry;
        _gitHub = gitHub;
    }

    /// <summary>Reads the sources <paramref name="request"/> names and returns the incident; progress lines go to <paramref name="progress"/>.</summary>
    /// <exception cref="ArgumentException">The request names no source, a source without a client, or an empty window.</exception>
    /// <exception cref="VendorApiException">A vendor call failed.</exception>
    public async Task<FetchedIncident> FetchAsync(IncidentFetchRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var warnings = new List<string>();
        var sources = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var logs = new List<LogEntry>();
        var commits = new List<CommitInfo>();
        DateTimeOffset? detectedAt = null;

        if (request.SentryProject is { } project)
        {
            var sentry = _sentry!;
            sources["sentry"] = new Dictionary<string, string>
            {
                ["url"] = sentry.Options.BaseUrl.AbsoluteUri,
                ["organization"] = sentry.Options.Organization!,
                ["project"] = project,
            };
            detectedAt = await FetchSentryAsync(sentry, project, request, logs, warnings, progress, cancellationToken);
        }

        if (request.GitHubRepository is { } repository)
        {
            var gitHub = _gitHub!;
            var source = new Dictionary<string, string> { ["url"] = gitHub.Options.BaseUrl.AbsoluteUri, ["repository"] = repository };
            if (!string.IsNullOrWhiteSpace(request.GitHubRef))
            {
                source["ref"] = request.GitHubRef;
            }

            sources["github"] = source;
            await FetchGitHubAsync(gitHub, repository, request, commits, warnings, progress, cancellationToken);
        }

        foreach (var warning in warnings)
        {
            progress?.Report($"warning: {warning}");
        }

        return new FetchedIncident
        {
            DeploymentId = string.IsNullOrWhiteSpace(request.DeploymentId) ? DeriveDeploymentId(request, commits) : request.DeploymentId.Trim(),
            WindowStart = request.Since,
            WindowEnd = request.Until,
            DetectedAt = detectedAt,
            Logs = [.. logs.OrderBy(l => l.Timestamp)],
            Commits = [.. commits.OrderBy(c => c.Timestamp)],
            Warnings = warnings,
            Sources = sources,
        };
    }

    private static async Task<DateTimeOffset?> FetchSentryAsync(
        SentryClient sentry, string project, IncidentFetchRequest request, List<LogEntry> logs, List<string> warnings, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (since, until) = (request.Since, request.Until);
        var organization = sentry.Options.Organization;
        progress?.Report($"sentry: listing the issues of {organization}/{project} from {SreIncidentJsonConverter.Time(since)} to {SreIncidentJsonConverter.Time(until)}");
        var issues = await sentry.ListIssuesAsync(project, since, until, cancellationToken);
        if (issues.MorePages)
        {
            warnings.Add($"sentry: {organization}/{project} has more issues than {sentry.Options.MaxPages} pages; only the first {issues.Items.Count} in the window were read (narrow the window or set a query)");
        }

        var eventCount = 0;
        for (var i = 0; i < issues.Items.Count; i++)
        {
            var issue = issues.Items[i];
            IReadOnlyList<SentryEvent> events = [];
            if (sentry.Options.EventsPerIssue > 0)
            {
                progress?.Report($"sentry: reading the events of issue {issue.ShortId ?? issue.Id} ({i + 1}/{issues.Items.Count})");
                try
                {
                    events = (await sentry.ListIssueEventsAsync(issue.Id, since, until, sentry.Options.EventsPerIssue, cancellationToken)).Items;
                }
                catch (VendorApiException ex) when (ex.Failure == VendorFailure.NotFound)
                {
                    // Issues get merged or deleted between the list and this call; the summary line still stands.
                    warnings.Add($"sentry: the events of issue {issue.ShortId ?? issue.Id} could not be read (HTTP 404; merged or deleted?)");
                }
            }

            eventCount += events.Count;
            logs.AddRange(SentryLogMapping.ToLogEntries(issue, events, project, sentry.Options.ServiceTag, since, until));
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"sentry: {issues.Items.Count} issues, {eventCount} events -> {logs.Count} log entries"));
        return issues.Items.Where(i => i.FirstSeen >= since && i.FirstSeen <= until).Min(i => i.FirstSeen);
    }

    private static async Task FetchGitHubAsync(
        GitHubClient gitHub, string repository, IncidentFetchRequest request, List<CommitInfo> commits, List<string> warnings, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var options = gitHub.Options;
        progress?.Report($"github: listing the commits of {repository} from {SreIncidentJsonConverter.Time(request.Since)} to {SreIncidentJsonConverter.Time(request.Until)}");
        var listed = await gitHub.ListCommitsAsync(repository, request.Since, request.Until, request.GitHubRef, cancellationToken);
        if (listed.MorePages)
        {
            warnings.Add($"github: {repository} has more commits in the window than {options.MaxPages} pages; only the newest {listed.Items.Count} were read");
        }

        for (var i = 0; i < listed.Items.Count; i++)
        {
            var commit = listed.Items[i];
            if (i < options.MaxCommitDetails)
            {
                progress?.Report($"github: reading commit {GitHubClient.ShortSha(commit.Sha)} ({i + 1}/{listed.Items.Count})");
                commit = await gitHub.GetCommitAsync(repository, commit.Sha, cancellationToken);
                if (commit.FilesIncomplete)
                {
                    warnings.Add($"github: commit {GitHubClient.ShortSha(commit.Sha)} changed more files than {options.MaxPages} pages; only {commit.Files.Count} were read");
                }
            }
            else if (i == options.MaxCommitDetails)
            {
                warnings.Add($"github: only the newest {options.MaxCommitDetails} of {listed.Items.Count} commits were read with their files; the rest have messages only");
            }

            commits.Add(GitHubCommitMapping.ToCommitInfo(commit, service: null, options.MaxPatchLength));
        }

        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"github: {commits.Count} commits"));
    }

    private static string DeriveDeploymentId(IncidentFetchRequest request, List<CommitInfo> commits)
    {
        var newest = commits.Where(c => c.Timestamp is not null).MaxBy(c => c.Timestamp) ?? commits.FirstOrDefault();
        if (request.GitHubRepository is { } repository && newest is not null)
        {
            return $"{repository[(repository.IndexOf('/', StringComparison.Ordinal) + 1)..]}@{GitHubClient.ShortSha(newest.Sha)}";
        }

        var name = request.SentryProject ?? request.GitHubRepository?.Split('/')[^1] ?? "incident";
        return string.Create(CultureInfo.InvariantCulture, $"{name}@{request.Until.ToUniversalTime():yyyyMMdd'T'HHmm'Z'}");
    }

    private void Validate(IncidentFetchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.SentryProject is null && request.GitHubRepository is null)
        {
            throw new ArgumentException("Name at least one source: a Sentry project or a GitHub repository.", nameof(request));
        }

        if (request.SentryProject is not null && _sentry is null)
        {
            throw new ArgumentException("A Sentry project was named but no Sentry client was given.", nameof(request));
        }

        if (request.GitHubRepository is not null && _gitHub is null)
        {
            throw new ArgumentException("A GitHub repository was named but no GitHub client was given.", nameof(request));
        }

        if (request.Until <= request.Since)
        {
            throw new ArgumentException($"The window is empty: until ({SreIncidentJsonConverter.Time(request.Until)}) must be after since ({SreIncidentJsonConverter.Time(request.Since)}).", nameof(request));
        }
    }
}
