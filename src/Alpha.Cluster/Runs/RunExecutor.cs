using System.Collections.Concurrent;
using Alpha.Cluster.Frames;
using Alpha.Platform.Ledger;
using Alpha.Workflows;
using Alpha.Workflows.Control;
using Microsoft.Extensions.Logging;
using RunStatus = Alpha.Platform.Ledger.RunStatus;

namespace Alpha.Cluster.Runs;

/// <summary>
/// Executes the workflow runs whose grains live on this node, outside the grain's turn (a run takes minutes; the
/// grain answers kills and status meanwhile). Each run is an ordinary <see cref="WorkflowRuntime"/> run on the shared
/// ledger, so its rows, frames and kill requests are exactly those of a single-process run.
/// </summary>
public sealed partial class RunExecutor(ClusterRuntimeOptions options, IGrainFactory grains, ILocalSiloDetails silo, ILogger<RunExecutor> logger)
{
    private readonly ConcurrentDictionary<string, Local> _runs = new(StringComparer.Ordinal);

    /// <summary>The kill switch of this node's runs.</summary>
    public KillSwitch KillSwitch { get; } = new();

    /// <summary>This node (its silo address).</summary>
    public string Silo { get; } = silo.SiloAddress.ToParsableString();

    /// <summary>The ledger.</summary>
    public ILedgerStore Ledger => options.Ledger;

    /// <summary>How many starts a run gets in all.</summary>
    public int MaxAttempts => options.MaxAttempts;

    /// <summary>The clock.</summary>
    public TimeProvider Time => options.Time;

    /// <summary>Cluster runs executing on this node: grain key -> ledger run id (null while it opens).</summary>
    public IReadOnlyDictionary<string, string?> Running => _runs.ToDictionary(r => r.Key, r => r.Value.RunId, StringComparer.Ordinal);

    /// <summary>Whether grain <paramref name="key"/>'s run executes here.</summary>
    public bool IsRunning(string key) => _runs.ContainsKey(key);

    /// <summary>
    /// Starts grain <paramref name="key"/>'s run here and returns its ledger run id once the row is open and running.
    /// <paramref name="continues"/> names the interrupted run it takes over: its answered model calls are served again.
    /// </summary>
    /// <exception cref="Alpha.Platform.Specs.SpecValidationException">The dispatch is invalid (nothing written).</exception>
    public async Task<string> StartAsync(string key, ClusterDispatch dispatch, string? continues, CancellationToken cancellationToken)
    {
        var workflowDispatch = await ClusterSpecs.ToWorkflowDispatchAsync(options.Ledger, dispatch, continues, cancellationToken).ConfigureAwait(false);
        var models = options.ModelClients;
        if (continues is not null && models is not null)
        {
            var recorded = await ClusterSpecs.RecordedCallsAsync(options.Ledger, continues, cancellationToken).ConfigureAwait(false);
            var live = models;
            models = agent => new ResumeChatClient(recorded, agent.Model, live(agent));
        }

        var local = new Local();
        if (!_runs.TryAdd(key, local))
        {
            throw new InvalidOperationException($"cluster run {key} already executes on this node");
        }

        var grain = grains.GetGrain<IWorkflowRunGrain>(key);
        var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = options.Ledger,
            KillSwitch = KillSwitch,
            ModelClients = models,
            NodeFactories = options.NodeFactories,
            Prices = options.Prices,
            StallAfter = options.StallAfter,
            Time = options.Time,
            OnFrame = frame =>
            {
                options.OnFrame?.Invoke(frame);

                // Live to subscribers on any node (the relay lives on this node; one-way, the run never waits).
                _ = grains.GetGrain<IFrameRelayGrain>(frame.TaskId).PublishAsync(ClusterFrame.From(frame));
                if (IsStep(frame.Stage))
                {
                    _ = ReportAsync(() => grain.ReportStageAsync(frame.RunId, frame.Stage));
                }
            },
        });
        workflowDispatch = workflowDispatch with
        {
            RunCreated = (run, _) =>
            {
                local.RunId = run.RunId;
                local.Started.TrySetResult(run.RunId);
                return Task.CompletedTask;
            },
        };

        // The run outlives the grain call that started it: it stops through the kill switch.
        var work = Task.Run(() => runtime.RunAsync(workflowDispatch, CancellationToken.None), CancellationToken.None);
        _ = work.ContinueWith(t => FinishAsync(key, local, grain, t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap();
        if (await Task.WhenAny(local.Started.Task, work).ConfigureAwait(false) == work && !local.Started.Task.IsCompleted)
        {
            await work.ConfigureAwait(false); // rethrows why the dispatch was refused
            throw new InvalidOperationException("the workflow ended before its run was opened");
        }

        return await local.Started.Task.ConfigureAwait(false);
    }

    /// <summary>Kills grain <paramref name="key"/>'s run if it executes here; true when a run in flight was stopped.</summary>
    public bool Kill(string key, string by) =>
        _runs.TryGetValue(key, out var local) && local.RunId is { } runId && KillSwitch.Kill(runId, by);

    /// <summary>Waits until no run executes here (each has recorded its end), at most <paramref name="timeout"/>.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        var pending = _runs.Values.Select(r => r.Done.Task).ToArray();
        try
        {
            await Task.WhenAll(pending).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The caller stops anyway; a run still open is closed by a takeover or by alpha runs recover.
        }
    }

    /// <summary>Kills every run executing here; returns how many.</summary>
    public int KillAll(string by) => _runs.Keys.Count(key => Kill(key, by));

    private static bool IsStep(string stage) =>
        stage.StartsWith("node.", StringComparison.Ordinal)
        && (stage.EndsWith(".completed", StringComparison.Ordinal) || stage.EndsWith(".failed", StringComparison.Ordinal)
            || stage.EndsWith(".cancelled", StringComparison.Ordinal) || stage.EndsWith(".capped", StringComparison.Ordinal)
            || stage.EndsWith(".skipped", StringComparison.Ordinal));

    private async Task FinishAsync(string key, Local local, IWorkflowRunGrain grain, Task<WorkflowRunResult> work)
    {
        try
        {
            if (work.IsCompletedSuccessfully)
            {
                var run = work.Result.Run;
                await ReportAsync(() => grain.ReportFinishedAsync(run.RunId, ToClusterStatus(run.Status), run.Error)).ConfigureAwait(false);
            }
            else if (local.RunId is { } runId && work.Exception?.GetBaseException() is { } error && error is not RunClosedException)
            {
                // A run closed by another node (it took the run over) is that node's now: nothing to report.
                await ReportAsync(() => grain.ReportFinishedAsync(runId, ClusterRunStatus.Failed, $"the node failed: {error.Message}")).ConfigureAwait(false);
            }
        }
        finally
        {
            _runs.TryRemove(new KeyValuePair<string, Local>(key, local));
            local.Done.TrySetResult();
        }
    }

    private async Task ReportAsync(Func<Task> report)
    {
        try
        {
            await report().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The grain moved or its node is going: the ledger keeps the run's record; a takeover re-reads it.
            LogReportFailed(ex.Message);
        }
    }

    internal static ClusterRunStatus ToClusterStatus(RunStatus status) => status switch
    {
        RunStatus.Completed => ClusterRunStatus.Completed,
        RunStatus.Failed => ClusterRunStatus.Failed,
        RunStatus.Cancelled => ClusterRunStatus.Cancelled,
        RunStatus.Capped => ClusterRunStatus.Capped,
        _ => ClusterRunStatus.Running,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "a run could not report to its grain: {Reason}")]
    private partial void LogReportFailed(string reason);

    private sealed class Local
    {
        public TaskCompletionSource<string> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private string? _runId;

        public string? RunId
        {
            get => Volatile.Read(ref _runId);
            set => Volatile.Write(ref _runId, value);
        }
    }
}
