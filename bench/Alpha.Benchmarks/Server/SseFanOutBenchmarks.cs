using System.Globalization;
using Alpha.Benchmarks.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Server.Frames;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace Alpha.Benchmarks.Server;

/// <summary>
/// SSE fan-out on loopback: <see cref="Subscribers"/> clients hold <c>GET /chat/stream/{task_id}</c> open on one live
/// run; one operation = one frame handed to the server's frame hub (as the workflow runtime hands it, redaction
/// included) until every subscriber has read it off its socket. Mean and P99 are the emit-to-last-client latency
/// (an upper bound of each client's), every iteration kept (no outlier removal); frames per second to all subscribers =
/// Subscribers / mean. One subscriber is the reference. Goal: P99 under 10 ms with 100 subscribers.
/// </summary>
[Config(typeof(Config))]
[InvocationCount(1, 1)]
[IterationCount(200)]
[Outliers(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)] // a latency tail is the measurement, not noise to drop
[WarmupCount(10)]
public class SseFanOutBenchmarks : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _readers = [];
    private LoopbackServer _server = null!;
    private FrameHub _hub = null!;
    private string _taskId = string.Empty;
    private long _sequence;
    private int _remaining;
    private TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Params(1, 100)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        _hub = _server.App.Services.GetRequiredService<FrameHub>();
        _taskId = "bench_sse_" + Guid.NewGuid().ToString("N");
        _hub.Open(_taskId);
        var connected = new CountdownEvent(Subscribers);
        for (var i = 0; i < Subscribers; i++)
        {
            _readers.Add(Task.Run(() => ReadAsync(connected)));
        }

        // Every subscriber has its response headers (it is subscribed) before the first frame.
        if (!connected.Wait(TimeSpan.FromMinutes(1)))
        {
            throw new InvalidOperationException("subscribers did not connect");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hub.Close(_taskId);
        _stop.Cancel();
        Task.WhenAll(_readers).ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    [IterationSetup]
    public void Arm()
    {
        Volatile.Write(ref _remaining, Subscribers);
        _allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [Benchmark]
    public void FrameToAllSubscribers()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        _hub.Publish(new RunFrame("run_bench", sequence, _taskId, "agent.token", "token " + sequence.ToString(CultureInfo.InvariantCulture), DateTimeOffset.UtcNow, "{\"node\":\"answer\"}"));
        _allRead.Task.GetAwaiter().GetResult();
    }

    private async Task ReadAsync(CountdownEvent connected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/chat/stream/{_taskId}");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        connected.Signal();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal) && Interlocked.Decrement(ref _remaining) == 0)
                {
                    _allRead.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The benchmark is over.
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
        }
    }
}
