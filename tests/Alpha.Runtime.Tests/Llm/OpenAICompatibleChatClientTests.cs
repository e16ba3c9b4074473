using System.Net;
using System.Net.Sockets;
using Alpha.Runtime.Llm;
using Alpha.Testing.Loopback;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Tests.Llm;

public sealed class OpenAICompatibleChatClientTests : IAsyncLifetime
{
    // Generous: only reached when something is broken, never a timing assertion.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_TextReply_ReturnsTextAndUsage()
    {
        _server.Enqueue(LoopbackReply.Text("The pool is exhausted.", promptTokens: 21, completionTokens: 7));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var response = await client.GetResponseAsync("What happened?");

        Assert.Equal("The pool is exhausted.", response.Text);
        Assert.Equal(ChatRole.Assistant, Assert.Single(response.Messages).Role);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("test-model", response.ModelId);
        Assert.NotNull(response.Usage);
        Assert.Equal(21, response.Usage.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        Assert.Equal(28, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_Request_CarriesModelMessagesAndBearerKey()
    {
        _server.Enqueue(LoopbackReply.Text("ok"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "org/model-x", apiKey: "sk-secret"));
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are an SRE."),
            new(ChatRole.User, "Logs: pool exhausted"),
            new(ChatRole.Assistant, "Which service?"),
            new(ChatRole.User, "checkout"),
        ];

        await client.GetResponseAsync(messages);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-secret", request.Authorization);
        Assert.Equal("org/model-x", request.Model);
        Assert.False(request.Stream);
        Assert.Equal(
            [("system", "You are an SRE."), ("user", "Logs: pool exhausted"), ("assistant", "Which service?"), ("user", "checkout")],
            request.Messages);
    }

    [Fact]
    public async Task GetResponseAsync_ChatOptions_MapsModelOverrideTemperatureMaxTokensAndJsonMode()
    {
        _server.Enqueue(LoopbackReply.Text("{}"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "default-model"));
        var options = new ChatOptions
        {
            ModelId = "override-model",
            Temperature = 0.25f,
            MaxOutputTokens = 123,
            ResponseFormat = ChatResponseFormat.Json,
            Instructions = "Answer in JSON.",
        };

        var response = await client.GetResponseAsync("go", options);

        var body = Assert.Single(_server.Requests).Body;
        Assert.Equal("override-model", body.GetProperty("model").GetString());
        Assert.Equal(0.25, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(123, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Equal([("system", "Answer in JSON."), ("user", "go")], _server.Requests[0].Messages);
        Assert.Equal("override-model", response.ModelId);
    }

    [Fact]
    public async Task GetResponseAsync_EmptyApiKey_SendsPlaceholderBearer()
    {
        _server.Enqueue(LoopbackReply.Text("ok"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(apiKey: ""));

        await client.GetResponseAsync("hi");

        var authorization = Assert.Single(_server.Requests).Authorization;
        Assert.NotNull(authorization);
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        Assert.True(authorization.Length > "Bearer ".Length);
    }

    [Fact]
    public async Task GetResponseAsync_OpenRouterHeaders_AreSent()
    {
        _server.Enqueue(LoopbackReply.Text("ok"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions() with { HttpReferer = "https://alpha.example", AppTitle = "Alpha" });

        await client.GetResponseAsync("hi");

        var request = Assert.Single(_server.Requests);
        Assert.Equal("https://alpha.example", request.Header("HTTP-Referer"));
        Assert.Equal("Alpha", request.Header("X-Title"));
    }

    [Fact]
    public async Task GetResponseAsync_EndpointWithTrailingSlash_PostsToChatCompletions()
    {
        _server.Enqueue(LoopbackReply.Text("ok"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions() with { Endpoint = new Uri(_server.BaseUrl + "/") });

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("ok", response.Text);
        Assert.Equal("/v1/chat/completions", Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Chunks_AssemblesTextAndReportsUsage()
    {
        _server.Enqueue(LoopbackReply.Stream(["The pool ", "is ", "exhausted."], promptTokens: 30, completionTokens: 4));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("What happened?"))
        {
            updates.Add(update);
        }

        var request = Assert.Single(_server.Requests);
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
        Assert.Equal(["The pool ", "is ", "exhausted."], updates.Where(u => u.Text.Length > 0).Select(u => u.Text));
        var usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(30, usage.InputTokenCount);
        Assert.Equal(4, usage.OutputTokenCount);
        var response = updates.ToChatResponse();
        Assert.Equal("The pool is exhausted.", response.Text);
        Assert.Equal(34, response.Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ServiceUnavailableThenStream_RetriesAndStreams()
    {
        _server.Enqueue(LoopbackReply.Status(503, "warming up"), LoopbackReply.Stream(["ok"], 3, 1));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hi"))
        {
            text += update.Text;
        }

        Assert.Equal("ok", text);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedWithRetryAfterZero_SucceedsOnSecondRequest()
    {
        _server.Enqueue(
            LoopbackReply.Status(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "0" }),
            LoopbackReply.Text("after the wait", 5, 2));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions() with { RetryBaseDelay = TimeSpan.FromMinutes(5), MaxRetryDelay = TimeSpan.FromMinutes(5) });

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("after the wait", response.Text);
        Assert.Equal(2, _server.RequestCount);
        Assert.Equal(5, response.Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_ServerErrorEveryTime_ThrowsModelCallExceptionAfterMaxRetriesPlusOne()
    {
        _server.Enqueue(
            LoopbackReply.Status(500, "backend exploded"),
            LoopbackReply.Status(500, "backend exploded"),
            LoopbackReply.Status(500, "backend exploded"),
            LoopbackReply.Text("never reached"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "m-500") with { MaxRetries = 2 });

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(3, _server.RequestCount);
        Assert.Equal(500, ex.StatusCode);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal("backend exploded", ex.ServerMessage);
        Assert.Equal("m-500", ex.Model);
        Assert.Contains("m-500", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_server.BaseUrl.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Contains("backend exploded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_Unauthorized_ThrowsWithoutRetrying()
    {
        _server.Enqueue(LoopbackReply.Status(401, "Incorrect API key provided"), LoopbackReply.Text("never reached"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(1, _server.RequestCount);
        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(1, ex.Attempts);
        Assert.Contains("Incorrect API key provided", ex.Message, StringComparison.Ordinal);
        Assert.Contains("API key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ModelNotFound_ThrowsWithServerMessageAndHint()
    {
        _server.Enqueue(LoopbackReply.Status(404, "The model 'nope' does not exist"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "nope"));

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("The model 'nope' does not exist", ex.ServerMessage);
        Assert.Contains("/v1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_MalformedReply_ThrowsModelCallException()
    {
        _server.Enqueue(LoopbackReply.Raw(200, "this is not json"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Null(ex.StatusCode);
        Assert.NotNull(ex.InnerException);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task GetResponseAsync_ServerUnreachable_ThrowsModelCallExceptionAfterRetries()
    {
        var deadEndpoint = UnusedLoopbackEndpoint();
        using var client = new OpenAICompatibleChatClient(new OpenAICompatibleOptions
        {
            Endpoint = deadEndpoint,
            Model = "m",
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        var ex = await Assert.ThrowsAsync<ModelCallException>(() => client.GetResponseAsync("hi"));

        Assert.Null(ex.StatusCode);
        Assert.Equal(2, ex.Attempts);
        Assert.Contains("reachable", ex.Message, StringComparison.Ordinal);
    }

    // Long enough for the request to reach the server even on a loaded machine (a shorter one can fire while
    // the request is still in flight, and then there is no hung request on the server to abort).
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task GetResponseAsync_HangingServerBeyondTimeout_ThrowsModelTimeoutExceptionAndAbortsRequest()
    {
        _server.Enqueue(LoopbackReply.Hang());
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "slow-model") with { Timeout = HangTimeout });

        var ex = await Assert.ThrowsAsync<ModelTimeoutException>(() => client.GetResponseAsync("hi"));

        Assert.Equal("slow-model", ex.Model);
        Assert.Contains("slow-model", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_server.BaseUrl.ToString(), ex.Message, StringComparison.Ordinal);
        await _server.HungRequestAborted.WaitAsync(Guard);
        Assert.Equal(1, _server.AbortedRequestCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_HangingServerBeyondTimeout_ThrowsModelTimeoutException()
    {
        _server.Enqueue(LoopbackReply.Hang());
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "slow-stream") with { Timeout = HangTimeout });

        var ex = await Assert.ThrowsAsync<ModelTimeoutException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi"))
            {
                _ = update;
            }
        });

        Assert.Equal("slow-stream", ex.Model);
        await _server.HungRequestAborted.WaitAsync(Guard);
    }

    [Fact]
    public async Task GetResponseAsync_InfiniteTimeout_Completes()
    {
        _server.Enqueue(LoopbackReply.Text("no limit"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions() with { Timeout = Timeout.InfiniteTimeSpan });

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("no limit", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_CallerCancelsWhileServerHangs_ThrowsOperationCanceledAndServerSeesAbort()
    {
        _server.Enqueue(LoopbackReply.Hang());
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());
        using var cts = new CancellationTokenSource();

        var call = client.GetResponseAsync("hi", cancellationToken: cts.Token);
        await _server.WaitForRequestAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, ex.CancellationToken);
        await _server.HungRequestAborted.WaitAsync(Guard);
        Assert.Equal(1, _server.AbortedRequestCount);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CallerCancelsWhileServerHangs_ThrowsOperationCanceledAndServerSeesAbort()
    {
        _server.Enqueue(LoopbackReply.Hang());
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());
        using var cts = new CancellationTokenSource();

        var call = Task.Run(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi", cancellationToken: cts.Token))
            {
                _ = update;
            }
        });
        await _server.WaitForRequestAsync(1).WaitAsync(Guard);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await _server.HungRequestAborted.WaitAsync(Guard);
        Assert.Equal(1, _server.AbortedRequestCount);
    }

    [Fact]
    public void GetService_ChatClientMetadata_DescribesProviderEndpointAndModel()
    {
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "meta-model"));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("loopback", metadata.ProviderName);
        Assert.Equal(_server.BaseUrl, metadata.ProviderUri);
        Assert.Equal("meta-model", metadata.DefaultModelId);
        Assert.Same(client, client.GetService<OpenAICompatibleChatClient>());
        Assert.Null(client.GetService<ChatClientMetadata>("some-key"));
    }

    private static Uri UnusedLoopbackEndpoint()
    {
        // Bind an ephemeral port and release it: nothing listens there afterwards, so connecting is refused.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1");
    }
}
