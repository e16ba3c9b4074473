using System.Collections.Concurrent;

namespace Alpha.Cluster.Tests;

/// <summary>
/// Holds every model call of a test's cluster until the test opens it, so a test can act while runs are mid-flight
/// (kill a node, kill a run). Silo configurators are built by Orleans with no arguments: they find their gate by the
/// test's id.
/// </summary>
internal sealed class ModelGate
{
    private static readonly ConcurrentDictionary<string, ModelGate> Gates = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;
    private int _answered;
    private int _free;

    public static ModelGate For(string testId) => Gates.GetOrAdd(testId, _ => new ModelGate());

    public static void Forget(string testId) => Gates.TryRemove(testId, out _);

    /// <summary>Calls that reached the gate (answered or waiting).</summary>
    public int Arrived => Volatile.Read(ref _waiting);

    /// <summary>Calls answered.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Calls answered at once (the first step's agent is never held).</summary>
    public int Free => Volatile.Read(ref _free);

    public void Open() => _open.TrySetResult();

    public void PassFree() => Interlocked.Increment(ref _free);

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        await _open.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _answered);
    }
}
