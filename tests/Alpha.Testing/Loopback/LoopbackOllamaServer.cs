using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alpha.Testing.Loopback;

/// <summary>
/// A stand-in Ollama server on 127.0.0.1, speaking Ollama's documented API: <c>POST /api/pull</c> streams NDJSON
/// progress lines (pulling manifest, downloading each layer with total and completed, verifying, writing, success),
/// <c>GET /api/tags</c> and <c>GET /api/ps</c> list the models it has, <c>DELETE /api/delete</c> removes one, and
/// <c>GET /v1/models</c> answers as its OpenAI-compatible endpoint does. A pull of a name in
/// <see cref="Unknown"/> answers Ollama's error line. Every request is logged (method, path, Authorization header).
/// </summary>
public sealed class LoopbackOllamaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Method, string Path, string? Authorization, string Body)> _requests = new();

    private LoopbackOllamaServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c> (Ollama's native API lives under it).</summary>
    public Uri Root { get; }

    /// <summary>Model names whose pull fails with Ollama's "file does not exist" error.</summary>
    public ConcurrentDictionary<string, bool> Unknown { get; } = new(StringComparer.Ordinal);

    /// <summary>How many bytes each of the two layers a pull downloads has, and in how many progress lines.</summary>
    public (long LayerBytes, int Steps) Layers { get; set; } = (1_000_000, 4);

    /// <summary>The models the server has now.</summary>
    public IReadOnlyCollection<string> Models => [.. _models.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every request so far: method, path, Authorization header, body.</summary>
    public IReadOnlyList<(string Method, string Path, string? Authorization, string Body)> Requests => [.. _requests];

    /// <summary>Starts the server with <paramref name="models"/> already pulled.</summary>
    public static async Task<LoopbackOllamaServer> StartAsync(IEnumerable<string>? models = null, CancellationToken cancellationToken = default)
    {
        LoopbackOllamaServer? server = null;
        var (app, root) = await LoopbackHost.StartAsync(app => Map(app, () => server!), cancellationToken).ConfigureAwait(false);
        server = new LoopbackOllamaServer(app, root);
        foreach (var model in models ?? [])
        {
            server._models[model] = true;
        }

        return server;
    }

    private static void Map(WebApplication app, Func<LoopbackOllamaServer> self)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            self()._requests.Enqueue((context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.FirstOrDefault(), body));
            await next(context);
        });
        app.MapPost("/api/pull", (HttpContext context) => self().PullAsync(context));
        app.MapGet("/api/tags", () => Results.Json(new { models = self().Models.Select(Describe) }));
        app.MapGet("/api/ps", () => Results.Json(new { models = self().Models.Take(1).Select(Describe) }));
        app.MapDelete("/api/delete", async (HttpContext context) =>
        {
            var name = ModelOf(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted));
            return self()._models.TryRemove(name, out _) ? Results.Ok() : Results.Json(new { error = $"model '{name}' not found" }, statusCode: 404);
        });
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = self().Models.Select(m => new { id = m, @object = "model", owned_by = "library" }) }));
    }

    private static object Describe(string name) => new { name, model = name, size = 1_000_000, digest = "sha256:" + new string('a', 64), modified_at = "2026-12-01T00:00:00Z" };

    private static string ModelOf(JsonNode? body) => (string?)body?["model"] ?? (string?)body?["name"] ?? string.Empty;

    private async Task PullAsync(HttpContext context)
    {
        var name = ModelOf(await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted));
        context.Response.ContentType = "application/x-ndjson";
        async Task LineAsync(object line)
        {
            await context.Response.WriteAsync(JsonSerializer.Serialize(line) + "\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        if (Unknown.ContainsKey(name))
        {
            await LineAsync(new { status = "pulling manifest" });
            await LineAsync(new { error = "pull model manifest: file does not exist" });
            return;
        }

        await LineAsync(new { status = "pulling manifest" });
        var (bytes, steps) = Layers;
        foreach (var layer in new[] { 'b', 'c' })
        {
            var digest = "sha256:" + new string(layer, 64);
            for (var step = 0; step <= steps; step++)
            {
                await LineAsync(new { status = $"pulling {digest[7..19]}", digest, total = bytes, completed = bytes * step / steps });
            }
        }

        await LineAsync(new { status = "verifying sha256 digest" });
        await LineAsync(new { status = "writing manifest" });
        _models[name] = true;
        await LineAsync(new { status = "success" });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
