using System.Net;
using System.Text;
using Alpha.Server.Runs;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha.Benchmarks.Server;

/// <summary>
/// Dispatches through the HTTP API on loopback: <c>POST /workflows/one_node/run</c> of a one-node deterministic workflow
/// over a real Kestrel server and a SQLite ledger file. <see cref="Accepted"/>: until the 202 (the run row exists and
/// its first frame is out; the run goes on in the background, drained after each iteration);
/// <see cref="AcceptedAndStreamedToEnd"/>: the 202, then the run's SSE stream to its <c>end</c> event (a client that
/// dispatches and waits). One operation = one dispatch; dispatches per second = 1 / mean.
/// </summary>
[IterationCount(15)]
[WarmupCount(3)]
public class DispatchBenchmarks
{
    private const string Body = "{\"inputs\": {}}";
    private LoopbackServer _server = null!;
    private RunDispatcher _dispatcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        _server.SnapshotOneNodeAsync("one_node").GetAwaiter().GetResult();
        _dispatcher = _server.App.Services.GetRequiredService<RunDispatcher>();
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationCleanup]
    public void Drain()
    {
        // Runs accepted in the iteration finish in the background; the next iteration starts on an idle server.
        while (_dispatcher.Running.Count > 0)
        {
            Thread.Sleep(1);
        }
    }

    [Benchmark]
    public async Task<HttpStatusCode> Accepted()
    {
        using var response = await _server.Client.PostAsync("/workflows/one_node/run", new StringContent(Body, Encoding.UTF8, "application/json"));
        return response.StatusCode == HttpStatusCode.Accepted ? response.StatusCode : throw new InvalidOperationException($"dispatch answered {response.StatusCode}");
    }

    [Benchmark]
    public async Task<int> AcceptedAndStreamedToEnd()
    {
        using var response = await _server.Client.PostAsync("/workflows/one_node/run", new StringContent(Body, Encoding.UTF8, "application/json"));
        var taskId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("task_id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/chat/stream/{taskId}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var stream = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var frames = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line == "event: frame")
            {
                frames++;
            }
            else if (line == "event: end")
            {
                return frames;
            }
        }

        throw new InvalidOperationException("the stream ended without an end event");
    }
}
