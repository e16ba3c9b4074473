using System.Net.Http.Headers;
using System.Text.Json;

namespace Alpha.Sre.Integrations.Http;

/// <summary>
/// What differs between vendor APIs over the same transport: headers, how a rate limit is signalled, how the next
/// page is found, how errors are explained and what to tell the user.
/// </summary>
internal abstract class VendorDialect
{
    protected VendorDialect(VendorOptions options)
    {
        Options = options;
    }

    /// <summary>The vendor's options.</summary>
    public VendorOptions Options { get; }

    /// <summary>The vendor's name, for messages.</summary>
    public string Name => Options.VendorName;

    /// <summary>Adds the headers every request carries: User-Agent, Accept, and the bearer token when there is one.</summary>
    public virtual void Prepare(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.UserAgent.ParseAdd(Options.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrWhiteSpace(Options.Token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.Token.Trim());
        }
    }

    /// <summary>The rate limit this error response reports, or null when it is not a rate-limit response.</summary>
    public abstract RateLimit? ReadRateLimit(HttpResponseMessage response, string? serverMessage, DateTimeOffset now);

    /// <summary>The URL of the page after <paramref name="current"/>, or null on the last page.</summary>
    /// <exception cref="VendorApiException">The next link points at another host (the token is not sent there).</exception>
    public abstract Uri? NextPage(Uri current, IReadOnlyList<LinkValue> links);

    /// <summary>What to do about a failure while reading <paramref name="resource"/>.</summary>
    public abstract string Hint(VendorFailure failure, string resource);

    /// <summary>The vendor's explanation in an error body (<c>detail</c> or <c>message</c>), else the start of the raw body.</summary>
    public virtual string? ServerMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (JsonFields.String(document.RootElement, "detail") is { Length: > 0 } detail)
            {
                return detail;
            }

            if (JsonFields.String(document.RootElement, "message") is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): fall through to the raw text.
        }

        var text = body.Trim().ReplaceLineEndings(" ");
        return text.Length <= 200 ? text : text[..200] + "...";
    }

    /// <summary>A link target resolved against <paramref name="current"/>, refused when it leaves the API's origin.</summary>
    protected Uri SameOriginTarget(Uri current, string target)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!Uri.TryCreate(current, target, out var next))
        {
            throw new VendorApiException(Name, VendorFailure.InvalidResponse, $"the Link header's next page '{target}' is not a URL", "Report this response; the page cap can be lowered to avoid it.", requestUri: current);
        }

        if (!HttpValues.SameOrigin(next, Options.BaseUrl))
        {
            throw new VendorApiException(
                Name,
                VendorFailure.InvalidResponse,
                $"the next page is on another host ({next.GetLeftPart(UriPartial.Authority)}) than the API ({Options.BaseUrl.GetLeftPart(UriPartial.Authority)}); the token is not sent there",
                "Set the base URL to the host the API links to.",
                requestUri: current);
        }

        return next;
    }
}
