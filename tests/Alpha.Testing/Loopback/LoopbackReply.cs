using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Alpha.Testing.Loopback;

/// <summary>
/// One scripted answer of the <see cref="LoopbackOpenAIServer"/>, in the OpenAI chat completions wire format:
/// a text or JSON completion with usage, an SSE stream, an error status, a raw body, or a request that never
/// gets an answer.
/// </summary>
public sealed class LoopbackReply
{
    // A fixed 'created' timestamp keeps replies deterministic.
    private const long Created = 1_700_000_000;

    private readonly Func<HttpContext, LoopbackRequest, LoopbackOpenAIServer, CancellationToken, Task> _write;
    private readonly string _description;

    private LoopbackReply(string description, Func<HttpContext, LoopbackRequest, LoopbackOpenAIServer, CancellationToken, Task> write)
    {
        _description = description;
        _write = write;
    }

    /// <summary>A completion whose message is <paramref name="content"/>, with a usage block of the given counts.</summary>
    public static LoopbackReply Text(string content, int promptTokens = 10, int completionTokens = 5) =>
        new($"Text({content.Length} chars)", (context, request, _, ct) =>
        {
            var body = new JsonObject
            {
                ["id"] = "chatcmpl-loopback",
                ["object"] = "chat.completion",
                ["created"] = Created,
                ["model"] = request.Model ?? "loopback",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = Usage(promptTokens, completionTokens),
            };
            return WriteJsonAsync(context, StatusCodes.Status200OK, body, ct);
        });

    /// <summary>A completion whose message is <paramref name="value"/> serialized as JSON.</summary>
    public static LoopbackReply Json(object value, int promptTokens = 10, int completionTokens = 5) =>
        Text(JsonSerializer.Serialize(value), promptTokens, completionTokens);

    /// <summary>
    /// An SSE stream: one <c>chat.completion.chunk</c> per item of <paramref name="chunks"/>, a final chunk with
    /// <c>finish_reason: stop</c>, then (only when the request asked for it with <c>stream_options.include_usage</c>,
    /// as real servers do) a usage chunk, then <c>data: [DONE]</c>.
    /// </summary>
    public static LoopbackReply Stream(IReadOnlyList<string> chunks, int promptTokens = 10, int completionTokens = 5) =>
        new($"Stream({chunks.Count} chunks)", async (context, request, _, ct) =>
        {
            var model = request.Model ?? "loopback";
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/event-stream";
            for (var i = 0; i < chunks.Count; i++)
            {
                var delta = new JsonObject { ["content"] = chunks[i] };
                if (i == 0)
                {
                    delta["role"] = "assistant";
                }

                await WriteEventAsync(context, Chunk(model, new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = null })), ct);
            }

            await WriteEventAsync(context, Chunk(model, new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" })), ct);
            if (request.IncludeUsage)
            {
                var usageChunk = Chunk(model, []);
                usageChunk["usage"] = Usage(promptTokens, completionTokens);
                await WriteEventAsync(context, usageChunk, ct);
            }

            await context.Response.WriteAsync("data: [DONE]\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
        });

    /// <summary>
    /// An error status with an OpenAI-style body <c>{"error": {"message": ...}}</c> and optional headers
    /// (e.g. <c>Retry-After</c>).
    /// </summary>
    public static LoopbackReply Status(int statusCode, string? message = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new($"Status({statusCode})", (context, _, _, ct) =>
        {
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var body = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = message ?? $"loopback status {statusCode}",
                    ["type"] = "loopback_error",
                    ["code"] = statusCode,
                },
            };
            return WriteJsonAsync(context, statusCode, body, ct);
        });

    /// <summary>Exactly <paramref name="body"/> with <paramref name="statusCode"/> (for malformed or unusual replies).</summary>
    public static LoopbackReply Raw(int statusCode, string body, string contentType = "application/json") =>
        new($"Raw({statusCode})", async (context, _, _, ct) =>
        {
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body, ct);
        });

    /// <summary>
    /// Never answers. When the client aborts the request, the server counts it and completes
    /// <see cref="LoopbackOpenAIServer.HungRequestAborted"/>.
    /// </summary>
    public static LoopbackReply Hang() =>
        new("Hang", async (context, _, server, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                server.OnHungRequestAborted();
            }
            catch (OperationCanceledException)
            {
                // The server is shutting down.
            }
        });

    /// <summary>Answers with <paramref name="then"/> once <paramref name="gate"/> completes (a model that is slow until the test says so).</summary>
    public static LoopbackReply After(Task gate, LoopbackReply then) =>
        new($"After({then})", async (context, request, server, ct) =>
        {
            await gate.WaitAsync(ct);
            await then._write(context, request, server, ct);
        });

    /// <inheritdoc />
    public override string ToString() => _description;

    internal Task WriteAsync(HttpContext context, LoopbackRequest request, LoopbackOpenAIServer server, CancellationToken cancellationToken) =>
        _write(context, request, server, cancellationToken);

    private static JsonObject Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
    };

    private static JsonObject Chunk(string model, JsonArray choices) => new()
    {
        ["id"] = "chatcmpl-loopback",
        ["object"] = "chat.completion.chunk",
        ["created"] = Created,
        ["model"] = model,
        ["choices"] = choices,
    };

    private static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonObject body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, cancellationToken);
    }

    private static async Task WriteEventAsync(HttpContext context, JsonObject data, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync($"data: {data.ToJsonString()}\n\n", Encoding.UTF8, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
