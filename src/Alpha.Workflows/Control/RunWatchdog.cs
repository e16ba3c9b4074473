using System.Globalization;

namespace Alpha.Workflows.Control;

/// <summary>
/// One run's watchdog: the run, and each node execution in flight, must show progress (a frame, a streamed token)
/// at least every <c>stallAfter</c>. When one does not, the watchdog cancels <see cref="Token"/> (which stops what is in
/// flight: the framework run, model calls, nodes) and keeps the reason (<see cref="StalledReason"/>); the run then ends
/// <c>failed</c> and the stalled node <c>timed_out</c>. Checked by a timer every quarter of the limit (at most every second).
/// </summary>
internal sealed class RunWatchdog : IDisposable
{
    private readonly TimeSpan _stallAfter;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stalled = new();
    private readonly Lock _gate = new();
    private readonly List<NodeProgress> _nodes = [];
    private readonly ITimer? _timer;
    private long _lastProgress;
    private string? _reason;

    public RunWatchdog(TimeSpan? stallAfter, TimeProvider time)
    {
        _time = time;
        _lastProgress = time.GetTimestamp();
        if (stallAfter is { } limit && limit > TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            _stallAfter = limit;
            var period = TimeSpan.FromTicks(Math.Clamp(limit.Ticks / 4, TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond));
            _timer = time.CreateTimer(_ => Check(), null, period, period);
        }
    }

    /// <summary>Cancelled when the run stalled.</summary>
    public CancellationToken Token => _stalled.Token;

    /// <summary>Why the run was stopped (e.g. <c>stalled: node 'ask' made no progress for 2m (limit 2m)</c>); null while it was not.</summary>
    public string? StalledReason => Volatile.Read(ref _reason);

    /// <summary>The run made progress (a frame).</summary>
    public void Touch() => Interlocked.Exchange(ref _lastProgress, _time.GetTimestamp());

    /// <summary>Watches one node execution until the result is disposed; <see cref="NodeProgress.Touch"/> on each streamed token.</summary>
    public NodeProgress Track(string node)
    {
        var progress = new NodeProgress(this, node);
        lock (_gate)
        {
            _nodes.Add(progress);
        }

        return progress;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _stalled.Dispose();
    }

    /// <summary>A duration as the reason shows it: <c>250ms</c>, <c>30s</c>, <c>2m</c>, <c>1h30m</c>.</summary>
    internal static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return $"{value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms";
        }

        if (value < TimeSpan.FromMinutes(1))
        {
            return $"{value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s";
        }

        var text = value.Hours + (value.Days * 24) > 0 ? $"{value.Hours + (value.Days * 24)}h" : string.Empty;
        text += value.Minutes > 0 ? $"{value.Minutes}m" : string.Empty;
        return value.Seconds > 0 ? $"{text}{value.Seconds}s" : text;
    }

    private void Check()
    {
        if (StalledReason is not null)
        {
            return;
        }

        string? reason = null;
        lock (_gate)
        {
            foreach (var node in _nodes)
            {
                var idle = _time.GetElapsedTime(Interlocked.Read(ref node.LastProgress));
                if (idle >= _stallAfter)
                {
                    reason = $"stalled: node '{node.Node}' made no progress for {Format(idle)} (watchdog limit {Format(_stallAfter)})";
                    break;
                }
            }
        }

        var runIdle = _time.GetElapsedTime(Interlocked.Read(ref _lastProgress));
        reason ??= runIdle >= _stallAfter ? $"stalled: the run made no progress for {Format(runIdle)} (watchdog limit {Format(_stallAfter)})" : null;
        if (reason is not null && Interlocked.CompareExchange(ref _reason, reason, null) is null)
        {
            try
            {
                _stalled.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended while the timer fired.
            }
        }
    }

    /// <summary>One node execution's progress.</summary>
    internal sealed class NodeProgress : IDisposable
    {
        private readonly RunWatchdog _owner;
        internal long LastProgress;

        public NodeProgress(RunWatchdog owner, string node)
        {
            _owner = owner;
            Node = node;
            LastProgress = owner._time.GetTimestamp();
        }

        public string Node { get; }

        public void Touch() => Interlocked.Exchange(ref LastProgress, _owner._time.GetTimestamp());

        public void Dispose()
        {
            lock (_owner._gate)
            {
                _owner._nodes.Remove(this);
            }
        }
    }
}
