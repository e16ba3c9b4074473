using System.CommandLine;
using System.Text.Json;
using Alpha.Cli.Hosting;
using Alpha.Cli.Rendering;
using Alpha.Cli.Stubs;
using Alpha.Runtime;
using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Schemas;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha analyze FILE</c>: run the runtime on one incident and show the ranked hypotheses.</summary>
internal static class AnalyzeCommand
{
    private const string StubNote = "[stub] The SRE agents are not built yet: these hypotheses come from placeholder agents that only count signals per section.";

    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("incident") { Description = "Incident JSON file, or - to read stdin." };
        var json = new Option<bool>("--json") { Description = "Print the ExecutionResult as JSON (no progress output)." };
        var noLive = new Option<bool>("--no-live") { Description = "Plain line-per-event progress instead of the live panels." };
        var top = new Option<int>("--top") { Description = "How many ranked hypotheses to return.", DefaultValueFactory = _ => 5 };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--top must be at least 1.");
            }
        });

        var command = new Command("analyze", "Analyse an incident: extract signals, run the agents in parallel, judge and rank root-cause hypotheses.")
        {
            file, json, noLive, top,
        };
        command.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(file)!, parse.GetValue(json), parse.GetValue(noLive), parse.GetValue(top), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, string path, bool json, bool noLive, int top, CancellationToken cancellationToken)
    {
        IncidentInput incident;
        try
        {
            incident = await IncidentReader.ReadAsync(path, cli.In, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var runtime = new AlphaRuntime(
            new AlphaRuntimeOptions { Aggregator = new AggregatorOptions { TopK = top } },
            new StubSignalExtractor(),
            cli.Time);
        foreach (var agent in StubAgent.All())
        {
            runtime.Register(agent);
        }

        var executionId = AlphaRuntime.NewExecutionId();
        using var events = runtime.Events.Subscribe(capacity: null, filter: e => e.ExecutionId == executionId);
        var execution = runtime.ExecuteAsync(incident, executionId, cancellationToken);
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

        ExecutionResult result;
        try
        {
            result = await execution;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await cli.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }

        if (json)
        {
            await cli.Out.WriteLineAsync(JsonSerializer.Serialize(result, AlphaJson.Indented));
        }
        else
        {
            ResultView.Write(cli.Console, result, [StubNote]);
        }

        return ExitCodes.Ok;
    }
}
