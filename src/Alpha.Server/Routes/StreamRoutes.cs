using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Server.Frames;
using Alpha.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Alpha.Server.Routes;

/// <summary>
/// GET <c>/chat/stream/{task_id}</c>: a run's frames from the first (or after <c>Last-Event-ID</c> / <c>?after=</c>) until
/// the run ends, as Server-Sent Events with <c>Accept: text/event-stream</c> (the SSE id is the frame's sequence) and as
/// WebSocket text messages on an upgrade. Both end with an <c>end</c> event carrying the run's final status.
/// </summary>
internal static class StreamRoutes
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/chat/stream/{taskId}", StreamAsync)
            .WithTags("streams")
            .WithSummary("A run's frames: SSE with Accept: text/event-stream (Last-Event-ID resumes), WebSocket otherwise");

    private static async Task<IResult> StreamAsync(string taskId, HttpContext context, FrameStreamer streamer, IHostApplicationLifetime lifetime)
    {
        var isSse = context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        if (!isSse && !context.WebSockets.IsWebSocketRequest)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Stream needs SSE or a WebSocket", "send Accept: text/event-stream (curl -N -H 'Accept: text/event-stream' ...) or open a WebSocket to this URL");
        }

        var header = context.Request.Headers["Last-Event-ID"].ToString();
        var query = context.Request.Query["after"].ToString();
        var afterText = header.Length > 0 ? header : query;
        long after = 0;
        if (afterText.Length > 0 && (!long.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Problems.Field(header.Length > 0 ? "Last-Event-ID" : "after", $"'{afterText}' is not a frame sequence number");
        }

        if (!await streamer.ExistsAsync(taskId, context.RequestAborted))
        {
            return Problems.NotFound($"no run with task id '{taskId}' (the task_id a dispatch returned)");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        if (isSse)
        {
            await WriteSseAsync(context, streamer, taskId, after, stop.Token);
        }
        else
        {
            await WriteWebSocketAsync(context, streamer, taskId, after, stop.Token);
        }

        return Results.Empty;
    }

    private static async Task WriteSseAsync(HttpContext context, FrameStreamer streamer, string taskId, long after, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken);
        try
        {
            await foreach (var frame in streamer.ReadAsync(taskId, after, cancellationToken))
            {
                await response.Body.WriteAsync(FrameStreamer.ToSseEvent(frame), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
            }

            await response.WriteAsync($"event: end\ndata: {await EndAsync(streamer, taskId, cancellationToken)}\n\n", cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left, or the server stops.
        }
    }

    private static async Task WriteWebSocketAsync(HttpContext context, FrameStreamer streamer, string taskId, long after, CancellationToken cancellationToken)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        try
        {
            await foreach (var frame in streamer.ReadAsync(taskId, after, cancellationToken))
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(FrameStreamer.ToJson(frame)), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes(await EndAsync(streamer, taskId, cancellationToken)), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "run ended", cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client left, or the server stops.
        }
    }

    private static async Task<string> EndAsync(FrameStreamer streamer, string taskId, CancellationToken cancellationToken)
    {
        if (streamer.PullStatus(taskId) is { } pulled)
        {
            return new JsonObject { ["event"] = "end", ["run_id"] = taskId, ["task_id"] = taskId, ["status"] = pulled }.ToJsonString();
        }

        var run = await streamer.FindRunAsync(taskId, cancellationToken);
        return new JsonObject
        {
            ["event"] = "end",
            ["run_id"] = run?.RunId,
            ["task_id"] = taskId,
            ["status"] = run is null ? null : LedgerNames.ToName(run.Status),
        }.ToJsonString();
    }
}
