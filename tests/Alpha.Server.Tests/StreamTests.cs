using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Alpha.Testing.Loopback;

namespace Alpha.Server.Tests;

public sealed class StreamTests
{
    [Fact]
    public async Task Sse_FinishedRun_EveryFrameInOrderWithSequenceIdsThenEnd()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (runId, taskId) = await fx.DispatchAsync();

        var live = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");
        var late = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}"); // after the run: from the ledger
        var ledger = (await fx.Ledger.GetRunAsync(runId))!.Frames;

        foreach (var events in new[] { live, late })
        {
            var frames = events.Where(e => e.Name == "frame").ToArray();
            Assert.Equal(ledger.Select(f => f.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)), frames.Select(f => f.Id));
            Assert.Equal(ledger.Select(f => f.Stage), frames.Select(f => (string)f.Data["stage"]!));
            Assert.Equal(["workflow.started", "node.answer.started", "node.answer.completed", "workflow.completed"], frames.Select(f => (string)f.Data["stage"]!));
            Assert.All(frames, f => Assert.Equal(taskId, (string)f.Data["task_id"]!));
            Assert.Equal("end", events[^1].Name);
            Assert.Equal(runId, (string)events[^1].Data["run_id"]!);
        }
    }

    [Fact]
    public async Task Sse_LateSubscriberDuringRun_GetsFramesFromTheFirstWithoutGapOrDuplicate()
    {
        await using var fx = await ServerFixture.StartAsync(withModel: true);
        var release = new TaskCompletionSource();
        fx.Model!.Enqueue(LoopbackReply.After(release.Task, LoopbackReply.Text("the disk is full")));
        await fx.SnapshotOneNodeAsync(model: "loopback/test-model");
        var (runId, taskId) = await fx.DispatchAsync();
        await fx.Model.WaitForRequestAsync(); // the run is in its node: two frames are out

        var early = new List<SseClient.Event>();
        await using var reading = SseClient.ReadAsync(fx.Client, $"/chat/stream/{taskId}").GetAsyncEnumerator();
        Assert.True(await reading.MoveNextAsync());
        early.Add(reading.Current);
        Assert.True(await reading.MoveNextAsync());
        early.Add(reading.Current);
        release.SetResult();
        while (await reading.MoveNextAsync())
        {
            early.Add(reading.Current);
        }

        var sequences = early.Where(e => e.Name == "frame").Select(e => (long)e.Data["sequence"]!).ToArray();
        var ledger = (await fx.Ledger.GetRunAsync(runId))!.Frames;
        Assert.Equal(ledger.Select(f => f.Sequence), sequences);
        Assert.Equal(Enumerable.Range(1, sequences.Length).Select(i => (long)i), sequences);
        Assert.Contains(ledger, f => f.Stage == "agent.token" || f.Stage == "node.answer.completed");
        Assert.Equal("completed", (string)early[^1].Data["status"]!);
    }

    [Fact]
    public async Task Sse_LastEventId_ResumesAfterThatFrame()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (_, taskId) = await fx.DispatchAsync();
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");

        var resumed = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}", lastEventId: "2");

        Assert.Equal(["3", "4"], resumed.Where(e => e.Name == "frame").Select(e => e.Id));
        Assert.Equal("end", resumed[^1].Name);
    }

    [Fact]
    public async Task WebSocket_Run_SameFramesInOrderThenEndAndClose()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (runId, taskId) = await fx.DispatchAsync();

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {fx.Token}");
        await socket.ConnectAsync(new Uri($"ws://{fx.BaseAddress.Authority}/chat/stream/{taskId}"), CancellationToken.None);
        var messages = new List<JsonObject>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var text = new StringBuilder();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            messages.Add(JsonNode.Parse(text.ToString())!.AsObject());
        }

        var ledger = (await fx.Ledger.GetRunAsync(runId))!.Frames;
        Assert.Equal(ledger.Select(f => f.Sequence), messages.Where(m => m["sequence"] is not null).Select(m => (long)m["sequence"]!));
        Assert.Equal("end", (string)messages[^1]["event"]!);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Stream_UnknownTaskOrNoSseAccept_Problems()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (_, taskId) = await fx.DispatchAsync();
        using var sse = new HttpRequestMessage(HttpMethod.Get, "/chat/stream/wf_nobody");
        sse.Headers.Accept.ParseAdd("text/event-stream");

        var unknown = await fx.Client.SendAsync(sse);
        var plain = await fx.Client.GetAsync($"/chat/stream/{taskId}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
    }
}
