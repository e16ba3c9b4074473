using System.Text;
using Microsoft.AspNetCore.Http;

namespace Alpha.Testing.Loopback;

/// <summary>
/// One scripted answer of the <see cref="LoopbackVendorServer"/>: a JSON body with a status and headers (a page with a
/// <c>Link</c> header, a 401, a rate limit with its headers), or a request that never gets an answer.
/// </summary>
public sealed class LoopbackVendorReply
{
    private readonly Func<HttpContext, CancellationToken, Task> _write;
    private readonly string _description;

    private LoopbackVendorReply(string description, Func<HttpContext, CancellationToken, Task> write)
    {
        _description = description;
        _write = write;
    }

    /// <summary><paramref name="json"/> with <paramref name="statusCode"/> and the given headers.</summary>
    public static LoopbackVendorReply Json(string json, int statusCode = 200, IReadOnlyDictionary<string, string>? headers = null) =>
        new($"Json({statusCode}, {json.Length} chars)", async (context, ct) =>
        {
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.StatusCode = statusCode;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, Encoding.UTF8, ct);
        });

    /// <summary>A JSON page with a <c>Link</c> header (<paramref name="link"/> as the vendor would send it).</summary>
    public static LoopbackVendorReply Page(string json, string link) =>
        Json(json, headers: new Dictionary<string, string> { ["Link"] = link });

    /// <summary>Exactly <paramref name="body"/> with <paramref name="statusCode"/> (for malformed or unusual replies).</summary>
    public static LoopbackVendorReply Raw(int statusCode, string body, string contentType = "text/html") =>
        new($"Raw({statusCode})", async (context, ct) =>
        {
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, Encoding.UTF8, ct);
        });

    /// <summary>Never answers (until the client gives up or the server stops).</summary>
    public static LoopbackVendorReply Hang() =>
        new("Hang", async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // The client went away or the server is stopping.
            }
        });

    /// <inheritdoc />
    public override string ToString() => _description;

    internal Task WriteAsync(HttpContext context, CancellationToken cancellationToken) => _write(context, cancellationToken);
}
