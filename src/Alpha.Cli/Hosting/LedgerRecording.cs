using System.Data.Common;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Ledger;
using Alpha.Platform.Pricing;
using Alpha.Platform.Recording;
using Alpha.Platform.Specs;
using Alpha.Runtime.Schemas;
using Alpha.Workflows;
using Alpha.Workflows.Control;

namespace Alpha.Cli.Hosting;

/// <summary>
/// <c>alpha analyze</c>'s ledger: the opened store and the platform's recorder of one analysis. Host glue only:
/// locking the specs and turning events into rows happen in <see cref="AnalysisLedger"/> and <see cref="RunRecorder"/>.
/// </summary>
internal sealed class LedgerRecording : IAsyncDisposable
{
    private readonly ILedgerStore _store;
    private readonly RunRecorder _recorder;

    private LedgerRecording(ILedgerStore store, RunRecorder recorder)
    {
        _store = store;
        _recorder = recorder;
    }

    public string RunId => _recorder.RunId;

    public string Location => _store.Location;

    /// <summary>
    /// Watches the ledger's kill requests for this run (<c>alpha runs kill RUN_ID</c> or <c>--all</c> from another
    /// process, the server's kill route): the returned registration's token is cancelled when one names it. Dispose
    /// both when the analysis ends.
    /// </summary>
    public (KillRegistration Kill, IDisposable Watching) WatchKills()
    {
        var killSwitch = new KillSwitch();
        var registration = killSwitch.Register(RunId);
        var watcher = new KillWatcher(_store, killSwitch, WorkflowRuntimeOptions.DefaultKillPollInterval);
        return (registration, watcher.Watch());
    }

    /// <summary>Opens the ledger, locks the analysis's specs and opens its run, before the analysis starts.</summary>
    public static async Task<(LedgerRecording? Recording, int ExitCode)> StartAsync(
        CliContext cli, string? db, ComposedAnalysis analysis, IncidentInput incident, string executionId, string source, CancellationToken cancellationToken)
    {
        PriceTable prices;
        try
        {
            prices = PriceTable.FromEnvironment(cli.Environment);
        }
        catch (SpecValidationException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return (null, ExitCodes.BadInput);
        }

        var (store, code) = await LedgerAccess.OpenAsync(cli, db, cancellationToken);
        if (store is null)
        {
            return (null, code);
        }

        try
        {
            var recorder = await AnalysisLedger.StartAsync(store, analysis, incident, executionId, new AnalysisRunOptions { Source = source, Prices = prices, Time = cli.Time }, cancellationToken);
            return (new LedgerRecording(store, recorder), ExitCodes.Ok);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            await store.DisposeAsync();
            await cli.Error.WriteLineAsync($"error: the ledger at {store.Location} could not open the run: {ex.Message}");
            return (null, ExitCodes.Failure);
        }
    }

    /// <summary>Records the rest of the run and closes it with the analysis's outcome; false (with a message) when the ledger failed.</summary>
    public async Task<bool> FinishAsync(CliContext cli, Task execution, KillRegistration? kill = null)
    {
        try
        {
            try
            {
                await execution;
            }
            catch
            {
                // The outcome is read from the task; the caller observes the exception itself.
            }

            if (execution.IsCanceled && kill?.KilledBy is { } by)
            {
                await _recorder.CloseAsync(RunStatus.Cancelled, $"killed by {by}", CancellationToken.None);
            }
            else
            {
                await _recorder.FinishAsync(execution, CancellationToken.None);
            }

            return true;
        }
        catch (RunClosedException ex)
        {
            // Another process (alpha runs recover) closed the run while this one worked: the ledger keeps that outcome,
            // the analysis itself is not at fault and its result stands.
            await cli.Error.WriteLineAsync($"warning: run {RunId} was closed as {ex.Status} by another process (alpha runs recover) while this analysis ran; the result is printed but the rest of the run is not recorded");
            return true;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            await cli.Error.WriteLineAsync($"error: the ledger could not record run {RunId}: {ex.Message}");
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _recorder.DisposeAsync();
        await _store.DisposeAsync();
    }
}
