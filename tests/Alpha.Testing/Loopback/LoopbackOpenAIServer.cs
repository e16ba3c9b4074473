using System.Collections.Concurrent;
using System.Text.Json;
using Alpha.Runtime.Llm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alpha.Testing.Loopback;

/// <summary>
/// A real HTTP server on 127.0.0.1 (ephemeral port) that speaks the OpenAI chat completions API
/// (<c>POST /v1/chat/completions</c> and <c>POST /chat/completions</c>) from a queue of scripted
/// <see cref="LoopbackReply"/>s, and records every request it receives.
/// </summary>
/// <example>
/// <code>
/// await using var server = await LoopbackOpenAIServer.StartAsync();
/// server.Enqueue(LoopbackReply.Status(429, headers: new Dictionary&lt;string, string&gt; { ["Retry-After"] = "0" }), LoopbackReply.Text("hi"));
/// // point a client at server.BaseUrl, call it, then assert on server.Requests
/// </code>
/// </example>
public sealed class LoopbackOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<LoopbackReply> _replies = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly RequestLog<LoopbackRequest> _log = new();
    private readonly TaskCompletionSource _hungRequestAborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _abortedCount;
    private readonly object _abortGate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _abortWaiters = [];

    private LoopbackOpenAIServer(WebApplication app)
    {
        _app = app;
        _app.MapPost("/v1/chat/completions", HandleAsync);
        _app.MapPost("/chat/completions", HandleAsync);
    }

    /// <summary>The API base URL to give a client, e.g. <c>http://127.0.0.1:54321/v1</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The reply when the queue is empty; a 500 "no scripted reply" unless set.</summary>
    public LoopbackReply WhenEmpty { get; set; } = LoopbackReply.Status(500, "no scripted reply");

    /// <summary>Requests received so far.</summary>
    public int RequestCount => _log.Count;

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<LoopbackRequest> Requests => _log.Snapshot();

    /// <summary>Requests answered with <see cref="LoopbackReply.Hang"/> that the client aborted.</summary>
    public int AbortedRequestCount => Volatile.Read(ref _abortedCount);

    /// <summary>
    /// Completes once clients have aborted <paramref name="count"/> requests answered with <see cref="LoopbackReply.Hang"/>
    /// (the server sees an abort a moment after the client gave up, so count them by waiting, not by reading).
    /// </summary>
    public Task WaitForAbortedRequestsAsync(int count)
    {
        lock (_abortGate)
        {
            if (_abortedCount >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _abortWaiters.Add((count, done));
            return done.Task;
        }
    }

    /// <summary>Completes when the client aborts a request that was answered with <see cref="LoopbackReply.Hang"/>.</summary>
    public Task HungRequestAborted => _hungRequestAborted.Task;

    /// <summary>Starts a server on 127.0.0.1 with an ephemeral port.</summary>
    public static async Task<LoopbackOpenAIServer> StartAsync(CancellationToken cancellationToken = default)
    {
        LoopbackOpenAIServer server = null!;
        var (_, root) = await LoopbackHost.StartAsync(a => server = new LoopbackOpenAIServer(a), cancellationToken);
        server.BaseUrl = new Uri(root, "v1");
        return server;
    }

    /// <summary>
    /// Client options pointing at this server, tuned for tests: 1 ms retry backoff, a 10 s timeout, and a
    /// fixed key so the Authorization header can be asserted.
    /// </summary>
    public OpenAICompatibleOptions CreateOptions(string model = "test-model", string apiKey = "sk-loopback") => new()
    {
        Endpoint = BaseUrl,
        Model = model,
        ApiKey = apiKey,
        Timeout = TimeSpan.FromSeconds(10),
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        ProviderName = "loopback",
    };

    /// <summary>Adds replies to the end of the queue; each request takes the next one.</summary>
    public LoopbackOpenAIServer Enqueue(params LoopbackReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }

        return this;
    }

    /// <summary>
    /// Completes when the <paramref name="number"/>-th request (1-based) has arrived, with that request; use it to
    /// act (cancel, say) only once the server holds the request.
    /// </summary>
    public Task<LoopbackRequest> WaitForRequestAsync(int number = 1, CancellationToken cancellationToken = default) =>
        _log.WaitForAsync(number, cancellationToken);

    /// <summary>Stops the server; hung requests are released first.</summary>
    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }

    internal void OnHungRequestAborted()
    {
        lock (_abortGate)
        {
            var aborted = Interlocked.Increment(ref _abortedCount);
            foreach (var waiter in _abortWaiters.Where(w => w.Count <= aborted).ToArray())
            {
                waiter.Done.TrySetResult();
                _abortWaiters.Remove(waiter);
            }
        }

        _hungRequestAborted.TrySetResult();
    }

    private async Task HandleAsync(HttpContext context)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"{{\"error\":{{\"message\":{JsonSerializer.Serialize("invalid JSON body: " + ex.Message)}}}}}");
            return;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new LoopbackRequest(context.Request.Path.Value ?? string.Empty, body, headers);
        _log.Add(request);

        var reply = _replies.TryDequeue(out var next) ? next : WhenEmpty;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        try
        {
            await reply.WriteAsync(context, request, this, linked.Token);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            // The client went away (or the server is stopping) mid-reply; nothing left to answer.
        }
    }
}
