using Alpha.Platform.Ledger;

namespace Alpha.Workflows.Control;

/// <summary>
/// Bridges the ledger to the in-process <see cref="KillSwitch"/>: while at least one run is watched, it reads the
/// ledger's kill requests (<c>alpha runs kill</c> from any process) and kills the matching runs here, with the
/// requester as who killed them; and it renews the heartbeat of those runs (so <c>alpha runs recover</c> leaves them
/// alone). On PostgreSQL it wakes on <c>NOTIFY</c> (<see cref="ILedgerStore.NextKillSignalAsync"/>) and reads again at
/// <see cref="SignalledPollInterval"/> as a safety net; on SQLite, which cannot signal another process, it reads every
/// <see cref="WorkflowRuntimeOptions.KillPollInterval"/> (50 ms by default: one indexed read, well inside the 250 ms goal).
/// </summary>
public sealed class KillWatcher
{
    /// <summary>How often a store that signals kill requests is read anyway (a lost NOTIFY is then late, not lost).</summary>
    public static TimeSpan SignalledPollInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the heartbeat of every watched run is renewed (as the analysis recorder does).</summary>
    public static TimeSpan HeartbeatInterval { get; } = TimeSpan.FromSeconds(10);

    private readonly ILedgerStore _ledger;
    private readonly KillSwitch _killSwitch;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _leases;
    private bool _looping;
    private long _lastHeartbeat;

    /// <summary>Creates a watcher; it reads nothing until <see cref="Watch"/> is called.</summary>
    public KillWatcher(ILedgerStore ledger, KillSwitch killSwitch, TimeSpan pollInterval, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(killSwitch);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        _ledger = ledger;
        _killSwitch = killSwitch;
        _pollInterval = pollInterval;
        _time = time ?? TimeProvider.System;
        _lastHeartbeat = _time.GetTimestamp();
    }

    /// <summary>How many ledger reads found a request for a run of this process (for tests and diagnostics).</summary>
    public int KillsApplied => Volatile.Read(ref _killsApplied);

    private int _killsApplied;

    /// <summary>Starts watching (if not already) until every lease is disposed. Take one per running run.</summary>
    public IDisposable Watch()
    {
        lock (_gate)
        {
            _leases++;
            if (!_looping)
            {
                _looping = true;
                _ = Task.Run(LoopAsync);
            }
        }

        return new Lease(this);
    }

    /// <summary>Reads the kill requests once and kills the matching runs of this process; returns how many it killed.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken = default)
    {
        var running = _killSwitch.RunningRuns;
        if (running.Count == 0)
        {
            return 0;
        }

        var killed = 0;
        foreach (var request in await _ledger.ListKillRequestsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (running.Contains(request.RunId) && _killSwitch.Kill(request.RunId, request.RequestedBy))
            {
                killed++;
            }
        }

        if (_time.GetElapsedTime(Interlocked.Read(ref _lastHeartbeat)) >= HeartbeatInterval)
        {
            Interlocked.Exchange(ref _lastHeartbeat, _time.GetTimestamp());
            foreach (var runId in running)
            {
                await _ledger.HeartbeatAsync(runId, cancellationToken).ConfigureAwait(false);
            }
        }

        Interlocked.Add(ref _killsApplied, killed);
        return killed;
    }

    private async Task LoopAsync()
    {
        var interval = _ledger.SignalsKillRequests ? SignalledPollInterval : _pollInterval;
        while (true)
        {
            lock (_gate)
            {
                if (_leases == 0)
                {
                    _looping = false;
                    return;
                }
            }

            using var wake = new CancellationTokenSource();
            Task? signal = null;
            try
            {
                // Asked for before the read: a request committed after the read still wakes the next wait.
                signal = _ledger.SignalsKillRequests ? _ledger.NextKillSignalAsync(wake.Token) : null;
                await CheckAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The ledger was closed under the last runs (their host is shutting down): nothing left to watch.
                lock (_gate)
                {
                    _looping = false;
                }

                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A busy or briefly unreachable ledger: the next read tries again; the runs themselves go on.
            }

            var delay = Task.Delay(interval, _time, wake.Token);
            await (signal is null ? delay : Task.WhenAny(signal, delay)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await wake.CancelAsync().ConfigureAwait(false);
            if (signal is not null)
            {
                await signal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _leases--;
        }
    }

    private sealed class Lease(KillWatcher owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
