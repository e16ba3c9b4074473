using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Ledger;
using Alpha.Platform.Recording;
using Alpha.Runtime;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Server.Frames;
using Alpha.Server.Models;
using Alpha.Workflows;
using Alpha.Workflows.Control;
using Microsoft.Extensions.Hosting;

namespace Alpha.Server.Runs;

/// <summary>
/// Runs workflows, replays and analyses in the background for the HTTP surface, each recorded in the ledger exactly as
/// the CLI records it, each frame handed to the <see cref="FrameHub"/> as the ledger gets it. Keeps what is in flight,
/// so that a kill reaches it and a shutdown ends every run <c>cancelled</c> (recorded, no row lost) before the process exits.
/// </summary>
public sealed class RunDispatcher(ServerOptions options, FrameHub hub, LlmProfiles profiles) : IHostedService
{
    private readonly ConcurrentDictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly IRunResultStore? _results = options.Ledger as IRunResultStore;

    // One ledger watcher (SQLite poll or PostgreSQL LISTEN) for the kill requests of every dispatch, not one per runtime.
    private readonly KillWatcher _killWatcher = new(options.Ledger, options.KillSwitch, WorkflowRuntimeOptions.DefaultKillPollInterval, options.Time);
    private volatile bool _stopping;

    /// <summary>The kill watcher every dispatch of this server shares.</summary>
    public KillWatcher KillWatcher => _killWatcher;

    /// <summary>Run ids executing in this process.</summary>
    public IReadOnlyCollection<string> Running => [.. _inFlight.Keys];

    /// <summary>
    /// Starts a workflow run (a dispatch or a replay, given as <paramref name="run"/> over a runtime wired to the hub)
    /// and returns once its run row exists and its first frame is out.
    /// </summary>
    /// <exception cref="Alpha.Platform.Specs.SpecValidationException">The dispatch is invalid (nothing was written).</exception>
    public async Task<StartedRun> StartWorkflowAsync(Func<WorkflowRuntime, CancellationToken, Task<WorkflowRunResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ThrowIfStopping();
        var first = new TaskCompletionSource<RunFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = options.Ledger,
            KillSwitch = options.KillSwitch,
            KillWatcher = _killWatcher,
            ModelClients = profiles.ModelClients(options.ModelClients),
            Prices = options.Prices,
            Time = options.Time,
            OnFrame = frame =>
            {
                hub.Publish(frame);
                first.TrySetResult(frame);
            },
        });

        // The run outlives the request that started it: it stops through the kill switch (a kill, or the shutdown).
        var work = Task.Run(() => run(runtime, CancellationToken.None));
        if (await Task.WhenAny(first.Task, work).ConfigureAwait(false) == work && !first.Task.IsCompleted)
        {
            await work.ConfigureAwait(false); // rethrows why the dispatch was refused
            throw new InvalidOperationException("the workflow ended without a frame");
        }

        var started = await first.Task.ConfigureAwait(false);
        var kill = (string by) => options.KillSwitch.Kill(started.RunId, by);
        Track(started.RunId, started.TaskId, kill, async () =>
        {
            var result = await work.ConfigureAwait(false);
            var outputs = new JsonObject();
            foreach (var (node, text) in result.Outputs.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                outputs[node] = text;
            }

            return (IRunResultStore.Outputs, outputs);
        });
        return new StartedRun(started.RunId, started.TaskId);
    }

    /// <summary>
    /// Starts an analysis of <paramref name="incident"/> (already read under the input limits and redacted) with the
    /// shipped analysis spec, recorded as <c>alpha analyze --db</c> records it; returns once its run row exists.
    /// </summary>
    public async Task<StartedRun> StartAnalysisAsync(IncidentInput incident, string? experimentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ThrowIfStopping();
        var analysis = AnalysisComposer.Compose(AnalysisSpecs.Default, new AnalysisCompositionOptions { Environment = options.Environment, Time = options.Time });
        var executionId = AlphaRuntime.NewExecutionId();
        hub.Open(executionId);
        RunRecorder recorder;
        try
        {
            recorder = await AnalysisLedger.StartAsync(
                options.Ledger,
                analysis,
                incident,
                executionId,
                new AnalysisRunOptions { Source = "POST /incidents/analyze", ExperimentId = experimentId, Prices = options.Prices, Time = options.Time, OnFrame = hub.Publish },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            hub.Close(executionId);
            throw;
        }

        var cancellation = new CancellationTokenSource();
        var work = Task.Run(async () =>
        {
            await using (recorder.ConfigureAwait(false))
            {
                var execution = analysis.AnalyzeAsync(incident, executionId, cancellation.Token);
                try
                {
                    await recorder.FinishAsync(execution, CancellationToken.None).ConfigureAwait(false);
                }
                catch (RunClosedException)
                {
                    // Closed by another process (runs recover): the ledger keeps that outcome.
                }

                return await execution.ConfigureAwait(false);
            }
        });
        Track(
            recorder.RunId,
            executionId,
            by =>
            {
                try
                {
                    cancellation.Cancel();
                    return true;
                }
                catch (ObjectDisposedException)
                {
                    return false; // it has just ended
                }
            },
            async () => (IRunResultStore.Result, JsonSerializer.SerializeToNode(await work.ConfigureAwait(false), AlphaJson.Options)),
            cancellation.Dispose);
        return new StartedRun(recorder.RunId, executionId);
    }

    /// <summary>What a finished run returned (workflow <c>outputs</c>, an analysis <c>result</c>), from the ledger (<c>run_results</c>): any process's run, across restarts.</summary>
    public async Task<IReadOnlyDictionary<string, JsonNode?>> ResultsOfAsync(string runId, CancellationToken cancellationToken)
    {
        if (_results is null)
        {
            return new Dictionary<string, JsonNode?>();
        }

        var stored = await _results.GetRunResultsAsync(runId, cancellationToken).ConfigureAwait(false);
        return stored.ToDictionary(p => p.Key, p => JsonNode.Parse(p.Value), StringComparer.Ordinal);
    }

    /// <summary>Completes when run <paramref name="runId"/> of this process has ended and kept its result (at once when it is not running here).</summary>
    public Task CompletionOf(string runId) => _inFlight.TryGetValue(runId, out var run) ? run.Done : Task.CompletedTask;

    /// <summary>Kills one run of this process; false when it is not running here.</summary>
    public bool Kill(string runId, string by) => _inFlight.TryGetValue(runId, out var run) && run.Kill(by);

    /// <summary>Kills every run of this process; returns how many.</summary>
    public int KillAll(string by) => _inFlight.Values.Count(run => run.Kill(by));

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Refuses new runs, kills the runs in flight and waits until each has recorded how it ended.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        KillAll("server shutdown");
        var pending = _inFlight.Values.Select(r => r.Done).ToArray();
        try
        {
            await Task.WhenAll(pending).WaitAsync(options.ShutdownTimeout, options.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The host's own timeout: what did not finish stays running in the ledger (alpha runs recover).
        }
    }

    private void ThrowIfStopping()
    {
        if (_stopping)
        {
            throw new ServerShuttingDownException();
        }
    }

    private void Track(string runId, string taskId, Func<string, bool> kill, Func<Task<(string Kind, JsonNode? Json)>> result, Action? cleanup = null)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight[runId] = new InFlight(kill, finished.Task);
        _ = FinishAsync();

        async Task FinishAsync()
        {
            try
            {
                var (kind, json) = await result().ConfigureAwait(false);
                if (_results is not null && json is not null)
                {
                    // Before the hub closes: a client that saw the stream end reads the result at once. Redacted as frames are.
                    await _results.SaveRunResultAsync(runId, kind, SecretRedactor.Default.Redact(json.ToJsonString()), CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The run's outcome (failed, cancelled) is in the ledger; a result that could not be kept is not (GET answers null).
            }
            finally
            {
                // The ledger has closed the run: later stream clients read it there.
                hub.Close(taskId);
                _inFlight.TryRemove(runId, out InFlight? _);
                cleanup?.Invoke();
                finished.SetResult();
            }
        }
    }

    private sealed record InFlight(Func<string, bool> Kill, Task Done);
}
