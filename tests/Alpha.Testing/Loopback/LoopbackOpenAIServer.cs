using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Alpha.Runtime.Llm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
    private readonly Lock _gate = new();
    private readonly List<LoopbackRequest> _requests = [];
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource _hungRequestAborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(int Number, TaskCompletionSource<LoopbackRequest> Arrived)> _waiters = [];
    private int _requestCount;
    private int _abortedCount;

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
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Requests answered with <see cref="LoopbackReply.Hang"/> that the client aborted.</summary>
    public int AbortedRequestCount => Volatile.Read(ref _abortedCount);

    /// <summary>Completes when the client aborts a request that was answered with <see cref="LoopbackReply.Hang"/>.</summary>
    public Task HungRequestAborted => _hungRequestAborted.Task;

    /// <summary>Starts a server on 127.0.0.1 with an ephemeral port.</summary>
    public static async Task<LoopbackOpenAIServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var server = new LoopbackOpenAIServer(builder.Build());
        await server._app.StartAsync(cancellationToken);
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no bound address.");
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v1");
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
    public Task<LoopbackRequest> WaitForRequestAsync(int number = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        lock (_gate)
        {
            if (_requests.Count >= number)
            {
                return Task.FromResult(_requests[number - 1]);
            }

            var arrived = new TaskCompletionSource<LoopbackRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((number, arrived));
            return arrived.Task.WaitAsync(cancellationToken);
        }
    }

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
        Interlocked.Increment(ref _abortedCount);
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
        Interlocked.Increment(ref _requestCount);
        lock (_gate)
        {
            _requests.Add(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Number <= _requests.Count)
                {
                    _waiters[i].Arrived.TrySetResult(_requests[_waiters[i].Number - 1]);
                    _waiters.RemoveAt(i);
                }
            }
        }

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
