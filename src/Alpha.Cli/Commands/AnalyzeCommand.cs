using System.CommandLine;
using System.Text.Json;
using Alpha.Cli.Hosting;
using Alpha.Workflows.Control;
using Alpha.Cli.Rendering;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Specs;
using Alpha.Runtime;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Analysis;
using Alpha.Sre.Incidents;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha analyze FILE</c>: run the runtime on one incident and show the ranked hypotheses.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("incident") { Description = "Incident file (JSON or YAML), or - to read stdin." };
        var json = new Option<bool>("--json") { Description = "Print the analysis (ExecutionResult shape plus synthesis) as JSON; no progress output." };
        var deterministic = new Option<bool>("--deterministic") { Description = "Run every agent on its rules even when a model is configured." };
        var noLive = new Option<bool>("--no-live") { Description = "Plain line-per-event progress instead of the live panels." };
        var spec = new Option<string?>("--spec") { Description = "The analysis spec to run (YAML or JSON); default: the shipped incident_analysis spec (examples/specs/incident_analysis.yaml)." };
        var top = CliOptions.OptionalWholeNumber("--top", "How many ranked hypotheses to return; default: the spec's top_k (5).");

        var noLedger = new Option<bool>("--no-ledger") { Description = "Do not record the run (spec versions, agent runs, model calls, frames) in the ledger." };
        var db = LedgerAccess.CreateOption();

        var command = new Command("analyze", "Analyse an incident: extract signals, run the agents in parallel, judge and rank root-cause hypotheses.")
        {
            file, spec, json, noLive, top, deterministic, noLedger, db,
        };
        command.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(file)!, parse.GetValue(spec), parse.GetValue(json), parse.GetValue(noLive), parse.GetValue(top), parse.GetValue(deterministic), parse.GetValue(noLedger), parse.GetValue(db), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, string path, string? specPath, bool json, bool noLive, int? top, bool deterministic, bool noLedger, string? db, CancellationToken cancellationToken)
    {
        try
        {
            return await AnalyzeAsync(cli, path, specPath, json, noLive, top, deterministic, noLedger, db, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (SIGINT/SIGTERM) while reading the incident or opening the run: nothing to record yet.
            await cli.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
    }

    private static async Task<int> AnalyzeAsync(CliContext cli, string path, string? specPath, bool json, bool noLive, int? top, bool deterministic, bool noLedger, string? db, CancellationToken cancellationToken)
    {
        ComposedAnalysis analysis;
        try
        {
            analysis = await AnalysisComposer.ComposeAsync(
                specPath,
                new AnalysisCompositionOptions { Environment = cli.Environment, Deterministic = deterministic, TopK = top, Time = cli.Time },
                cancellationToken);
        }
        catch (SpecValidationException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        IncidentInput incident;
        try
        {
            incident = await IncidentDocument.LoadAsync(path, cli.In, InputLimits.FromEnvironment(cli.Environment), cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidInputException or ArgumentException)
        {
            await cli.Error.WriteLineAsync($"error: {SecretRedactor.Default.Redact(ex.Message)}");
            return ExitCodes.BadInput;
        }

        // From here on only the redacted incident exists: the analysis, the ledger, the output and any model see no secret.
        incident = SecretRedactor.Default.Redact(incident);

        var analyzer = analysis.Analyzer;
        var executionId = AlphaRuntime.NewExecutionId();
        using var events = analyzer.Events.Subscribe(capacity: null, filter: e => e.ExecutionId == executionId);

        // The ledger locks the specs and opens the run before any work happens.
        var (recording, ledgerCode) = noLedger
            ? (null, ExitCodes.Ok)
            : await LedgerRecording.StartAsync(cli, db, analysis, incident, executionId, path == "-" ? "stdin" : path, cancellationToken);
        if (!noLedger && recording is null)
        {
            return ledgerCode;
        }

        await using var ledgerScope = recording;

        // A kill request in the ledger (alpha runs kill from another shell) cancels the analysis like Ctrl+C, naming who.
        (KillRegistration? kill, IDisposable? watching) = recording is null ? (null, null) : recording.WatchKills();
        using var killScope = kill;
        using var watchScope = watching;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, kill?.Token ?? CancellationToken.None);
        var execution = analyzer.AnalyzeAsync(incident, executionId, linked.Token);
        _ = execution.ContinueWith(_ => events.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        if (!json)
        {
            if (cli.Interactive && !noLive)
            {
                await LiveDisplay.RunAsync(cli.Console, events, cli.Time, CancellationToken.None);
            }
            else
            {
                await PlainProgress.RunAsync(cli.Error, events, CancellationToken.None);
            }
        }

        var ledgerOk = recording is null || await recording.FinishAsync(cli, execution, kill);
        AnalysisReport result;
        try
        {
            result = await execution;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync(recording is not null && ledgerOk ? $"cancelled; recorded as run {recording.RunId} (cancelled) in {recording.Location}" : "cancelled");
            return ExitCodes.Cancelled;
        }
        catch (OperationCanceledException) when (kill?.KilledBy is { } by)
        {
            await cli.Error.WriteLineAsync(ledgerOk ? $"killed by {by}; recorded as run {recording!.RunId} (cancelled) in {recording.Location}" : $"killed by {by}");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await cli.Error.WriteLineAsync($"error: the analysis failed: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (json)
        {
            var output = JsonSerializer.SerializeToNode(result, AlphaJson.Indented)!.AsObject();
            if (recording is not null)
            {
                output["run_id"] = recording.RunId;
            }

            await cli.Out.WriteLineAsync(output.ToJsonString(AlphaJson.Indented));
        }
        else
        {
            ResultView.Write(cli.Console, result);
            if (recording is not null && ledgerOk)
            {
                await cli.Error.WriteLineAsync($"recorded as run {recording.RunId} in {recording.Location} (alpha runs show {recording.RunId})");
            }
        }

        return ledgerOk ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
