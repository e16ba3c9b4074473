using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;
using Alpha.Sre.Integrations;
using Alpha.Sre.Integrations.GitHub;
using Alpha.Sre.Integrations.Sentry;

namespace Alpha.Server.Sources;

/// <summary>
/// Discovery of data sources: Sentry and GitHub as the environment configures them, and every incident file of the
/// imports folder (<c>ALPHA_IMPORTS_DIR</c>, default <c>./imports</c>); a probe of each (a cheap authenticated read, or
/// reading the file as an incident under the input limits); and promotion, recorded in the ledger. Tokens are sent to
/// their vendor only, never written to an answer, a frame or a log.
/// </summary>
public sealed class DataSources(ServerOptions options) : IDisposable
{
    /// <summary>The variable naming the imports folder.</summary>
    public const string ImportsVariable = "ALPHA_IMPORTS_DIR";

    /// <summary>At most this many files of the imports folder are listed.</summary>
    public const int MaxFiles = 1000;

    /// <summary>How long one probe may take.</summary>
    public static TimeSpan ProbeTimeout { get; } = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new() { Timeout = ProbeTimeout };

    /// <summary>The imports folder.</summary>
    public string ImportsFolder => options.Environment(ImportsVariable) is { Length: > 0 } folder ? folder : "imports";

    /// <summary>Every entry: Sentry, GitHub, then the incident files by path; promoted ones marked from the ledger.</summary>
    public async Task<IReadOnlyList<SourceEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var promoted = Promotions is { } store
            ? (await store.ListSourcePromotionsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.EntryId, StringComparer.Ordinal)
            : [];
        var entries = new List<SourceEntry> { Sentry(), GitHub() };
        entries.AddRange(Files());
        return [.. entries.Select(e => promoted.TryGetValue(e.Id, out var p) ? e with { Status = "promoted", PromotedAt = p.PromotedAt } : e)];
    }

    /// <summary>The entry with id <paramref name="id"/>; null when there is none.</summary>
    public async Task<SourceEntry?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(e => e.Id == id || (e.Kind != "file" && e.Name == id));

    /// <summary>Probes <paramref name="entry"/>; never throws for what the source answers.</summary>
    public async Task<SourceProbe> ProbeAsync(SourceEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var start = options.Time.GetTimestamp();
        SourceProbe Result(string status, string detail, string hint = "") =>
            new(entry.Id, entry.Kind, status == "ok", status, (long)options.Time.GetElapsedTime(start).TotalMilliseconds, SecretRedactor.Default.Redact(detail), hint);
        try
        {
            return entry.Kind switch
            {
                "sentry" => await ProbeSentryAsync(Result, cancellationToken).ConfigureAwait(false),
                "github" => await ProbeGitHubAsync(Result, cancellationToken).ConfigureAwait(false),
                _ => await ProbeFileAsync(entry, Result, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (VendorApiException ex) when (ex.Failure == VendorFailure.NotConfigured)
        {
            return Result("not_configured", ex.Message, ex.Hint);
        }
        catch (HttpRequestException ex)
        {
            return Result("unreachable", ex.Message, "Check the network and the vendor's URL variable (SENTRY_URL, GITHUB_API_URL).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Result("unreachable", $"no answer within {ProbeTimeout.TotalSeconds:0} s", "Check the network and the vendor's URL variable (SENTRY_URL, GITHUB_API_URL).");
        }
    }

    /// <summary>Records <paramref name="entry"/> as promoted by <paramref name="by"/>; returns the ledger's row and whether this call made it.</summary>
    public async Task<(SourcePromotion Promotion, bool Created)> PromoteAsync(SourceEntry entry, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var store = Promotions ?? throw new InvalidOperationException($"The ledger at {options.Ledger.Location} keeps no source promotions.");
        return await store.PromoteSourceAsync(new SourcePromotion(entry.Id, entry.Kind, entry.Name, entry.Location, by, options.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private ISourcePromotionStore? Promotions => options.Ledger as ISourcePromotionStore;

    private SourceEntry Sentry()
    {
        var (url, token, org) = TryRead(() => SentryOptions.FromEnvironment(options.Environment), o => (o.BaseUrl.ToString(), o.Token, o.Organization));
        var missing = new[] { (token, SentryOptions.TokenEnvironmentVariable), (org, SentryOptions.OrganizationEnvironmentVariable) }.Where(p => p.Item1 is null).Select(p => p.Item2).ToArray();
        return missing.Length == 0
            ? new SourceEntry("sentry", "sentry", "sentry", $"{url} (org {org})", "configured", $"{SentryOptions.TokenEnvironmentVariable} and {SentryOptions.OrganizationEnvironmentVariable} set", null)
            : new SourceEntry("sentry", "sentry", "sentry", url ?? SentryOptions.DefaultBaseUrl.ToString(), "not_configured", $"set {string.Join(" and ", missing)}", null);
    }

    private SourceEntry GitHub()
    {
        var (url, token, _) = TryRead(() => GitHubOptions.FromEnvironment(options.Environment), o => (o.BaseUrl.ToString(), o.Token, (string?)null));
        return token is not null
            ? new SourceEntry("github", "github", "github", url ?? GitHubOptions.DefaultBaseUrl.ToString(), "configured", $"{GitHubOptions.TokenEnvironmentVariable} set", null)
            : new SourceEntry("github", "github", "github", url ?? GitHubOptions.DefaultBaseUrl.ToString(), "anonymous", $"no {GitHubOptions.TokenEnvironmentVariable}: public repositories only, 60 requests an hour", null);
    }

    private IEnumerable<SourceEntry> Files()
    {
        var folder = ImportsFolder;
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Take(MaxFiles)
            .Select(relative => new SourceEntry(
                "file-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(relative)))[..12],
                "file",
                relative,
                Path.GetFullPath(Path.Combine(folder, relative)),
                "discovered",
                $"{new FileInfo(Path.Combine(folder, relative)).Length} bytes",
                null));
    }

    private async Task<SourceProbe> ProbeSentryAsync(Func<string, string, string, SourceProbe> result, CancellationToken cancellationToken)
    {
        var sentry = SentryOptions.FromEnvironment(options.Environment);
        sentry.Validate();
        var url = new Uri(sentry.BaseUrl, $"api/0/organizations/{Uri.EscapeDataString(sentry.Organization!)}/");
        using var response = await SendAsync(url, sentry.Token, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => result("ok", $"organisation '{sentry.Organization}' readable at {sentry.BaseUrl}", string.Empty),
            HttpStatusCode.Unauthorized => result("unauthorized", "Sentry did not accept the token (HTTP 401)", $"Check {SentryOptions.TokenEnvironmentVariable}: revoked, mistyped, or made for another Sentry than {sentry.BaseUrl}."),
            HttpStatusCode.Forbidden => result("forbidden", "the token may not read the organisation (HTTP 403)", "Give the token the org:read, project:read and event:read scopes."),
            HttpStatusCode.NotFound => result("not_found", $"no organisation '{sentry.Organization}' (HTTP 404)", $"Check {SentryOptions.OrganizationEnvironmentVariable} (the slug in https://sentry.io/organizations/<slug>/) and {SentryOptions.UrlEnvironmentVariable}."),
            var other => result("error", $"Sentry answered HTTP {(int)other}", $"Check that {sentry.BaseUrl} is a Sentry server ({SentryOptions.UrlEnvironmentVariable} is the web root, without /api/0)."),
        };
    }

    private async Task<SourceProbe> ProbeGitHubAsync(Func<string, string, string, SourceProbe> result, CancellationToken cancellationToken)
    {
        var github = GitHubOptions.FromEnvironment(options.Environment);
        github.Validate();
        using var response = await SendAsync(new Uri(github.BaseUrl, "rate_limit"), github.Token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => result("unauthorized", "GitHub did not accept the token (HTTP 401)", $"Check {GitHubOptions.TokenEnvironmentVariable}: expired, revoked, or made for another GitHub than {github.BaseUrl}."),
                HttpStatusCode.Forbidden => result("forbidden", "GitHub refused the request (HTTP 403)", "The token may lack SSO authorisation, or the rate limit is spent; wait or use another token."),
                HttpStatusCode.NotFound => result("not_found", $"no /rate_limit at {github.BaseUrl} (HTTP 404)", $"Check {GitHubOptions.UrlEnvironmentVariable}: the API root, e.g. https://github.example.com/api/v3/."),
                var other => result("error", $"GitHub answered HTTP {(int)other}", $"Check {GitHubOptions.UrlEnvironmentVariable} (now {github.BaseUrl})."),
            };
        }

        var core = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))?["resources"]?["core"];
        var detail = core is null ? "rate limit readable" : $"{(long?)core["remaining"]} of {(long?)core["limit"]} requests left this hour";
        return result("ok", github.Token is null ? $"{detail} (anonymous)" : detail, string.Empty);
    }

    private async Task<SourceProbe> ProbeFileAsync(SourceEntry entry, Func<string, string, string, SourceProbe> result, CancellationToken cancellationToken)
    {
        if (!File.Exists(entry.Location))
        {
            return result("not_found", $"{entry.Name} is gone from {ImportsFolder}", "List the entries again.");
        }

        try
        {
            var text = await InputChecks.ReadFileAsync(entry.Location, options.Limits, cancellationToken).ConfigureAwait(false);
            var incident = IncidentDocument.Parse(text, entry.Name, options.Limits);
            return result("ok", $"a valid incident (deployment {incident.DeploymentId}, {text.Length} characters)", string.Empty);
        }
        catch (InvalidInputException ex)
        {
            return result("invalid", ex.Message, "Fix the file (alpha import writes valid incidents), or remove it from the imports folder.");
        }
        catch (InputLimitExceededException ex)
        {
            return result("invalid", ex.Message, $"Raise {ex.Variable} or split the file.");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(VendorOptions.DefaultUserAgent);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        return await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
    }

    // A URL variable that is not a URL: the entry says so instead of failing the listing.
    private static (string? Url, string? Token, string? Org) TryRead<T>(Func<T> read, Func<T, (string?, string?, string?)> pick)
    {
        try
        {
            return pick(read());
        }
        catch (VendorApiException)
        {
            return (null, null, null);
        }
    }
}
