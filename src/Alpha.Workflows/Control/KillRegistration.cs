namespace Alpha.Workflows.Control;

/// <summary>One run's kill state in a <see cref="KillSwitch"/>: its token is cancelled when the run is killed.</summary>
public sealed class KillRegistration : IDisposable
{
    private readonly Action<KillRegistration> _unregister;
    private readonly CancellationTokenSource _source = new();
    private string? _killedBy;

    internal KillRegistration(string runId, Action<KillRegistration> unregister)
    {
        RunId = runId;
        _unregister = unregister;
    }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>Cancelled when the run is killed.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Who killed the run; null while it is not killed.</summary>
    public string? KilledBy => Volatile.Read(ref _killedBy);

    /// <summary>Kills the run (the first killer is kept).</summary>
    internal void Kill(string by)
    {
        if (Interlocked.CompareExchange(ref _killedBy, by, null) is null)
        {
            _source.Cancel();
        }
    }

    /// <summary>Unregisters the run.</summary>
    public void Dispose()
    {
        _unregister(this);
        _source.Dispose();
    }
}
