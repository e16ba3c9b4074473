using System.Text.Json;
using Alpha.Sre.Integrations.Http;

namespace Alpha.Sre.Integrations.GitHub;

/// <summary>
/// A thin typed client over GitHub's REST API: the commits of a repository in a time window and the files and
/// patches of one commit. Pagination follows <c>Link</c> headers up to <see cref="VendorOptions.MaxPages"/>; rate
/// limits are waited out when they reset within <see cref="VendorOptions.MaxRateLimitWait"/>; every failure is a
/// <see cref="VendorApiException"/>.
/// </summary>
public sealed class GitHubClient
{
    private readonly VendorTransport _transport;

    /// <summary>Creates a client; <paramref name="http"/> is not disposed by it.</summary>
    /// <exception cref="VendorApiException">The options are unusable (<see cref="VendorFailure.NotConfigured"/>).</exception>
    public GitHubClient(HttpClient http, GitHubOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _transport = new VendorTransport(http, new GitHubDialect(options), time ?? TimeProvider.System);
    }

    /// <summary>The options in use.</summary>
    public GitHubOptions Options { get; }

    /// <summary>Splits <c>owner/name</c>; false when it is not exactly two non-empty segments.</summary>
    public static bool TryParseRepository(string? text, out string owner, out string name)
    {
        owner = name = string.Empty;
        var parts = (text ?? string.Empty).Trim().Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            return false;
        }

        (owner, name) = (parts[0], parts[1]);
        return true;
    }

    /// <summary>
    /// The commits of <paramref name="repository"/> (<c>owner/name</c>) between <paramref name="since"/> and
    /// <paramref name="until"/> (<c>GET /repos/{owner}/{repo}/commits?since=&amp;until=&amp;per_page=100</c>), newest
    /// first, without files; <paramref name="gitRef"/> picks a branch, tag or sha (the default branch when null).
    /// </summary>
    public async Task<PagedList<GitHubCommit>> ListCommitsAsync(string repository, DateTimeOffset since, DateTimeOffset until, string? gitRef = null, CancellationToken cancellationToken = default)
    {
        var (owner, name) = Repository(repository);
        var uri = HttpValues.Url(
            Options.BaseUrl,
            $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}/commits",
            ("sha", string.IsNullOrWhiteSpace(gitRef) ? null : gitRef.Trim()),
            ("since", HttpValues.QueryTime(since)),
            ("until", HttpValues.QueryTime(until)),
            ("per_page", "100"));
        var commits = new List<GitHubCommit>();
        var more = await _transport.ReadPagesAsync(
            uri,
            $"listing the commits of {owner}/{name}",
            page =>
            {
                commits.AddRange(Array(page).Select(c => ReadCommit(c, [], false)).OfType<GitHubCommit>());
                return true;
            },
            cancellationToken);
        return new PagedList<GitHubCommit>(commits, more);
    }

    /// <summary>
    /// One commit with its files and patches (<c>GET /repos/{owner}/{repo}/commits/{sha}</c>); a commit with more
    /// than 300 files is paginated by GitHub, and its pages are read up to the page cap.
    /// </summary>
    public async Task<GitHubCommit> GetCommitAsync(string repository, string sha, CancellationToken cancellationToken = default)
    {
        var (owner, name) = Repository(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha);
        var uri = HttpValues.Url(Options.BaseUrl, $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}/commits/{Uri.EscapeDataString(sha)}");
        JsonElement? first = null;
        var files = new List<GitHubCommitFile>();
        var more = await _transport.ReadPagesAsync(
            uri,
            $"reading commit {ShortSha(sha)} of {owner}/{name}",
            page =>
            {
                first ??= page.Body;
                files.AddRange(JsonFields.Items(page.Body, "files").Select(ReadFile).OfType<GitHubCommitFile>());
                return true;
            },
            cancellationToken);
        return ReadCommit(first!.Value, files, more)
            ?? throw new VendorApiException("GitHub", VendorFailure.InvalidResponse, $"GET {uri} answered a commit without a sha", "Check that the base URL is a GitHub REST API root.", 200, uri);
    }

    /// <summary>The first seven characters of a sha, as git shows it.</summary>
    public static string ShortSha(string sha)
    {
        ArgumentNullException.ThrowIfNull(sha);
        return sha.Length > 7 ? sha[..7] : sha;
    }

    private static (string Owner, string Name) Repository(string repository) =>
        TryParseRepository(repository, out var owner, out var name)
            ? (owner, name)
            : throw new ArgumentException($"'{repository}' is not a repository name; give owner/name, e.g. octocat/hello-world.", nameof(repository));

    private static JsonElement.ArrayEnumerator Array(VendorResponse page) =>
        page.Body.ValueKind == JsonValueKind.Array
            ? page.Body.EnumerateArray()
            : throw new VendorApiException("GitHub", VendorFailure.InvalidResponse, $"GET {page.RequestUri} answered a JSON {page.Body.ValueKind}, not the documented list", "Check that the base URL is a GitHub REST API root.", 200, page.RequestUri);

    private static GitHubCommit? ReadCommit(JsonElement e, IReadOnlyList<GitHubCommitFile> files, bool filesIncomplete) =>
        JsonFields.String(e, "sha") is { Length: > 0 } sha
            ? new GitHubCommit(
                sha,
                JsonFields.String(e, "commit", "message") ?? string.Empty,
                JsonFields.String(e, "commit", "author", "name"),
                JsonFields.String(e, "author", "login"),
                JsonFields.Time(e, "commit", "author", "date"),
                JsonFields.Time(e, "commit", "committer", "date"),
                files,
                filesIncomplete)
            : null;

    private static GitHubCommitFile? ReadFile(JsonElement e) =>
        JsonFields.String(e, "filename") is { Length: > 0 } filename
            ? new GitHubCommitFile(
                filename,
                JsonFields.String(e, "status"),
                (int)(JsonFields.Integer(e, "additions") ?? 0),
                (int)(JsonFields.Integer(e, "deletions") ?? 0),
                JsonFields.String(e, "patch"))
            : null;
}
