using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Alpha.Testing.Loopback;

/// <summary>
/// A real HTTP server on 127.0.0.1 (ephemeral port) standing in for a vendor REST API (Sentry, GitHub): each
/// request path has a queue of scripted <see cref="LoopbackVendorReply"/>s, taken in order whatever the query
/// string (so page 1 and page 2 of a list are two replies on the same path), and every request is recorded.
/// A path with no reply left gets a 500 naming it, so a test never passes on an unscripted call.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LoopbackVendorServer.StartAsync();
/// server.Enqueue("/repos/acme/shop/commits", LoopbackVendorReply.Page("[...]", $"&lt;{server.Url("/repos/acme/shop/commits?page=2")}&gt;; rel=\"next\""));
/// // point a client at server.BaseUrl, call it, then assert on server.Requests
/// </code>
/// </example>
public sealed class LoopbackVendorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LoopbackVendorReply>> _replies = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly RequestLog<LoopbackVendorRequest> _log = new();

    private LoopbackVendorServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<LoopbackVendorRequest> Requests => _log.Snapshot();

    /// <summary>Starts a server on 127.0.0.1 with an ephemeral port.</summary>
    public static async Task<LoopbackVendorServer> StartAsync(CancellationToken cancellationToken = default)
    {
        LoopbackVendorServer server = null!;
        var (_, root) = await LoopbackHost.StartAsync(a => server = new LoopbackVendorServer(a), cancellationToken);
        server.BaseUrl = root;
        return server;
    }

    /// <summary>An absolute URL on this server, for <c>Link</c> headers: <c>Url("/x?page=2")</c>.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    /// <summary>Adds replies to the queue of <paramref name="path"/> (exact, without the query string).</summary>
    public LoopbackVendorServer Enqueue(string path, params LoopbackVendorReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(replies);
        var queue = _replies.GetOrAdd(path, _ => new ConcurrentQueue<LoopbackVendorReply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }

        return this;
    }

    /// <summary>The requests made to <paramref name="path"/>, in order.</summary>
    public IReadOnlyList<LoopbackVendorRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    /// <summary>Completes when the <paramref name="number"/>-th request (1-based) has arrived, with that request.</summary>
    public Task<LoopbackVendorRequest> WaitForRequestAsync(int number = 1, CancellationToken cancellationToken = default) =>
        _log.WaitForAsync(number, cancellationToken);

    /// <summary>Stops the server; hung requests are released first.</summary>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var request = new LoopbackVendorRequest(
            context.Request.Method,
            path,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
        _log.Add(request);

        var reply = _replies.TryGetValue(path, out var queue) && queue.TryDequeue(out var next)
            ? next
            : LoopbackVendorReply.Json(JsonSerializer.Serialize(new { detail = $"loopback: no scripted reply for {context.Request.Method} {path}" }), 500);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        try
        {
            await reply.WriteAsync(context, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The client went away (or the server is stopping) mid-reply; nothing left to answer.
        }
    }
}
