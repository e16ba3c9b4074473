namespace Alpha.Testing.Loopback;

/// <summary>The requests a loopback server received, in arrival order, with waiters for the n-th one.</summary>
internal sealed class RequestLog<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly List<T> _requests = [];
    private readonly List<(int Number, TaskCompletionSource<T> Arrived)> _waiters = [];

    /// <summary>How many requests arrived.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>A snapshot of the requests.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _requests];
        }
    }

    /// <summary>Records a request and releases the waiters it satisfies.</summary>
    public void Add(T request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Number <= _requests.Count)
                {
                    _waiters[i].Arrived.TrySetResult(_requests[_waiters[i].Number - 1]);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Completes when the <paramref name="number"/>-th request (1-based) has arrived, with that request.</summary>
    public Task<T> WaitForAsync(int number, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        lock (_gate)
        {
            if (_requests.Count >= number)
            {
                return Task.FromResult(_requests[number - 1]);
            }

            var arrived = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((number, arrived));
            return arrived.Task.WaitAsync(cancellationToken);
        }
    }
}
