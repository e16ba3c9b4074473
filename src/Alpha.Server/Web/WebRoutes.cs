using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Alpha.Server.Web;

/// <summary>
/// GET <c>/</c> (the operator page) and <c>/web/{file}</c> (its script, style sheet and icon), served from the assembly.
/// No token is needed for these files (they carry no data): the page asks for the token and sends it with every API
/// call. A strict Content-Security-Policy allows nothing but this origin. See docs/web.md.
/// </summary>
internal static class WebRoutes
{
    /// <summary>Same origin only; no inline script or style; no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder app)
    {
        var assets = WebAssets.Embedded;
        app.MapGet("/", (HttpContext context) => Serve(context, assets.Find("index.html")))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/web/{file}", (string file, HttpContext context) => Serve(context, assets.Find(file)))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, WebAsset? asset)
    {
        if (asset is null)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache"; // revalidate each load: a 304 costs one round trip on loopback, and a new build shows at once
        headers.XContentTypeOptions = "nosniff";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (asset.Name.EndsWith(".html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
        }

        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var gzip = context.Request.Headers.AcceptEncoding.Any(v => v is not null && v.Contains("gzip", StringComparison.OrdinalIgnoreCase));
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        return Results.Bytes(gzip ? asset.Gzipped : asset.Content, asset.ContentType);
    }
}
