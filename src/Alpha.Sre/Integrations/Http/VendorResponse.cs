namespace Alpha.Sre.Integrations.Http;

/// <summary>A successful vendor response: the JSON body (detached) and the links to other pages.</summary>
/// <param name="RequestUri">The URL that was requested.</param>
/// <param name="Body">The parsed JSON body, cloned so it outlives the response.</param>
/// <param name="Links">The <c>Link</c> header's links (empty when absent).</param>
internal sealed record VendorResponse(Uri RequestUri, System.Text.Json.JsonElement Body, IReadOnlyList<LinkValue> Links);
