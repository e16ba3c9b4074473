using System.Collections.Concurrent;

namespace Alpha.Workflows.Control;

/// <summary>
/// The in-process kill switch: every running workflow registers here; <see cref="Kill"/> stops one run and
/// <see cref="KillAll"/> every run (and every run started until <see cref="Reset"/>). A kill cancels the run's
/// token, which the runtime turns into the framework's <c>CancelRunAsync</c> and which aborts in-flight model
/// calls; the run ends <c>cancelled</c> with a frame naming who killed it.
/// </summary>
public sealed class KillSwitch
{
    private readonly ConcurrentDictionary<string, KillRegistration> _runs = new(StringComparer.Ordinal);
    private volatile string? _globalKiller;

    /// <summary>Run ids currently registered.</summary>
    public IReadOnlyCollection<string> RunningRuns => [.. _runs.Keys];

    /// <summary>Kills run <paramref name="runId"/>; false when it is not running here.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="by">Who asked (a user, <c>cli</c>, a watchdog); written to the run's frame and error.</param>
    public bool Kill(string runId, string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (!_runs.TryGetValue(runId, out var registration))
        {
            return false;
        }

        registration.Kill(by);
        return true;
    }

    /// <summary>Kills every registered run, and every run registered later until <see cref="Reset"/>. Returns how many were running.</summary>
    public int KillAll(string by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        _globalKiller = by;
        var runs = _runs.Values.ToArray();
        foreach (var run in runs)
        {
            run.Kill(by);
        }

        return runs.Length;
    }

    /// <summary>Lifts a global kill.</summary>
    public void Reset() => _globalKiller = null;

    /// <summary>Registers a run (a workflow run, or an analysis that <c>alpha runs kill</c> must reach); dispose the result when it ends.</summary>
    public KillRegistration Register(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var registration = new KillRegistration(runId, r => _runs.TryRemove(new KeyValuePair<string, KillRegistration>(r.RunId, r)));
        _runs[runId] = registration;
        if (_globalKiller is { } by)
        {
            registration.Kill(by);
        }

        return registration;
    }
}
