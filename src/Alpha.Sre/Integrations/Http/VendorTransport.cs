using System.Globalization;
using System.Net;
using System.Text.Json;
using Alpha.Runtime.Resilience;
using Polly;

namespace Alpha.Sre.Integrations.Http;

/// <summary>
/// GET requests to one vendor API: headers from the dialect, JSON bodies, typed failures, rate limits honoured by
/// waiting (on the injected clock) when the reset is near and failing with the reset time when it is not, and
/// <c>Link</c>-header pagination under the page cap. The caller's cancellation is passed on and rethrown as is.
/// </summary>
internal sealed class VendorTransport
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<Attempt> _pipeline;

    public VendorTransport(HttpClient http, VendorDialect dialect, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        Dialect = dialect;
        _time = time;

        // The shared HTTP policy: a rate limit that resets within MaxRateLimitWait is waited out (the reset time is
        // the wait asked for), at most MaxRateLimitRetries times; every other failure is final.
        _pipeline = HttpResilience.Create<Attempt>(
            new HttpRetryOptions(dialect.Options.MaxRateLimitRetries, TimeSpan.Zero, dialect.Options.MaxRateLimitWait),
            outcome => outcome.Result?.Limit is { } limit && WaitFor(limit) is var wait && wait <= dialect.Options.MaxRateLimitWait
                ? RetryDecision.Wait(wait)
                : RetryDecision.No,
            time,
            static args =>
            {
                args.Outcome.Result?.Dispose();
                return ValueTask.CompletedTask;
            });
    }

    /// <summary>The vendor's dialect.</summary>
    public VendorDialect Dialect { get; }

    /// <summary>GETs <paramref name="uri"/>; <paramref name="resource"/> says what is being read (e.g. <c>listing commits of acme/shop</c>) in errors.</summary>
    /// <exception cref="VendorApiException">The vendor refused, failed, could not be reached, or kept rate-limiting.</exception>
    public async Task<VendorResponse> GetAsync(Uri uri, string resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var attempts = 0;
        using var attempt = await _pipeline.ExecuteAsync(
            async token =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                Dialect.Prepare(request);
                var response = await SendAsync(request, resource, token);
                try
                {
                    var body = await ReadBodyAsync(response, uri, resource, token);
                    var limit = response.IsSuccessStatusCode ? null : Dialect.ReadRateLimit(response, Dialect.ServerMessage(body), _time.GetUtcNow());
                    return new Attempt(response, body, limit);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            },
            cancellationToken);
        var (response, body, rateLimit) = (attempt.Response, attempt.Body, attempt.Limit);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var links = response.Headers.TryGetValues("Link", out var values) ? LinkHeader.Parse(values) : [];
            return new VendorResponse(uri, ParseJson(body, uri, resource, status), links);
        }

        var serverMessage = Dialect.ServerMessage(body);
        if (rateLimit is { } limit)
        {
            var now = _time.GetUtcNow();
            var wait = limit.ResetsAt > now ? limit.ResetsAt - now : TimeSpan.Zero;
            var retries = attempts - 1;
            var why = wait <= Dialect.Options.MaxRateLimitWait
                ? $"still limited after {retries} {(retries == 1 ? "retry" : "retries")}"
                : $"waiting {Describe(wait)} is longer than the {Describe(Dialect.Options.MaxRateLimitWait)} allowed";
            throw new VendorApiException(
                Dialect.Name,
                VendorFailure.RateLimited,
                string.Create(CultureInfo.InvariantCulture, $"{resource} hit the {limit.Description} (HTTP {status}); {why}; the limit resets at {limit.ResetsAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC (in {Describe(wait)})"),
                Dialect.Hint(VendorFailure.RateLimited, resource),
                status,
                uri,
                limit.ResetsAt);
        }

        var failure = status switch
        {
            401 => VendorFailure.Unauthorized,
            403 => VendorFailure.Forbidden,
            404 => VendorFailure.NotFound,
            >= 500 => VendorFailure.ServerError,
            _ => VendorFailure.Rejected,
        };
        var said = serverMessage is null ? string.Empty : $"; the server said: {serverMessage}";
        throw new VendorApiException(
            Dialect.Name,
            failure,
            $"{resource} failed with HTTP {status} ({ReasonOf(response)}) from GET {uri}{said}",
            Dialect.Hint(failure, resource),
            status,
            uri);
    }

    /// <summary>
    /// Reads pages from <paramref name="first"/> on, following the dialect's next links, handing each to
    /// <paramref name="onPage"/> (which returns false when it has enough). Returns true when more pages existed than
    /// were read (the page cap or <paramref name="onPage"/> stopped the walk).
    /// </summary>
    public async Task<bool> ReadPagesAsync(Uri first, string resource, Func<VendorResponse, bool> onPage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onPage);
        var uri = first;
        for (var page = 1; ; page++)
        {
            var response = await GetAsync(uri, resource, cancellationToken);
            var wantMore = onPage(response);
            var next = Dialect.NextPage(uri, response.Links);
            if (next is null || next == uri)
            {
                return false;
            }

            if (!wantMore || page >= Dialect.Options.MaxPages)
            {
                return true;
            }

            uri = next;
        }
    }

    private TimeSpan WaitFor(RateLimit limit)
    {
        var now = _time.GetUtcNow();
        return limit.ResetsAt > now ? limit.ResetsAt - now : TimeSpan.Zero;
    }

    /// <summary>A short human duration: <c>42 s</c>, <c>12 min</c>, <c>2 h 5 min</c>.</summary>
    internal static string Describe(TimeSpan span) => span switch
    {
        { TotalSeconds: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0} s"),
        { TotalMinutes: < 90 } => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalMinutes):0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min"),
    };

    private static string ReasonOf(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase) ? ((HttpStatusCode)(int)response.StatusCode).ToString() : response.ReasonPhrase;

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string resource, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            throw Unreachable(request.RequestUri!, resource, $"no response before the HTTP timeout ({_http.Timeout.TotalSeconds:0} s)", ex);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(request.RequestUri!, resource, ex.Message, ex);
        }
    }

    private async Task<string> ReadBodyAsync(HttpResponseMessage response, Uri uri, string resource, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            throw Unreachable(uri, resource, $"the response broke off: {ex.Message}", ex);
        }
    }

    private VendorApiException Unreachable(Uri uri, string resource, string detail, Exception inner) => new(
        Dialect.Name,
        VendorFailure.Unreachable,
        $"{resource} got no answer from {uri.GetLeftPart(UriPartial.Authority)}: {detail}",
        Dialect.Hint(VendorFailure.Unreachable, resource),
        requestUri: uri,
        innerException: inner);

    private JsonElement ParseJson(string body, Uri uri, string resource, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var start = body.Length <= 120 ? body : body[..120] + "...";
            throw new VendorApiException(
                Dialect.Name,
                VendorFailure.InvalidResponse,
                $"{resource} answered HTTP {status} from GET {uri} with a body that is not JSON: {start.ReplaceLineEndings(" ")}",
                Dialect.Hint(VendorFailure.InvalidResponse, resource),
                status,
                uri,
                innerException: ex);
        }
    }

    /// <summary>One answered request: the response (headers still readable), its body, and the rate limit it reports, if any.</summary>
    private sealed record Attempt(HttpResponseMessage Response, string Body, RateLimit? Limit) : IDisposable
    {
        public void Dispose() => Response.Dispose();
    }
}
