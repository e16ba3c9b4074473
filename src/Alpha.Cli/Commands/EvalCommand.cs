using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Alpha.Cli.Hosting;
using Alpha.Hosting.Analysis;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;
using Alpha.Sre.Evaluation.Importers;
using Alpha.Sre.Evaluation.LogParsing;
using Alpha.Sre.Evaluation.Rca;
using Spectre.Console;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha eval rca</c> and <c>alpha eval logparse</c>: score Alpha on public, labelled data (docs/evaluation.md).</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext cli)
    {
        var eval = new Command("eval", "Score Alpha on public labelled data sets.");
        eval.Subcommands.Add(Rca(cli));
        eval.Subcommands.Add(LogParse(cli));
        return eval;
    }

    private static Command Rca(CliContext cli)
    {
        var dataset = new Option<string>("--dataset") { Description = $"Data set layout: {string.Join(", ", ImporterCatalog.Formats)}.", Required = true };
        var dir = new Argument<string>("dir") { Description = "The data set folder (every case under it is scored)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var mode = new Option<string>("--mode") { Description = "deterministic (default) or llm (uses the configured models).", DefaultValueFactory = _ => "deterministic" };
        mode.AcceptOnlyFromAmong("deterministic", "llm");
        var cases = new Option<bool>("--cases") { Description = "Also print the per-case table." };
        var command = new Command("rca", "Import every case under DIR, analyse it with alpha analyze's pipeline, and score the ranked services against the labels (AC@1, AC@3, Avg@5, HR@k, MAR).")
        {
            dataset, dir, json, mode, cases,
        };
        command.SetAction((parse, ct) => RunRcaAsync(cli, parse.GetValue(dataset)!, parse.GetValue(dir)!, parse.GetValue(json), parse.GetValue(mode) == "llm", parse.GetValue(cases), ct));
        return command;
    }

    private static Command LogParse(CliContext cli)
    {
        var dir = new Argument<string>("dir") { Description = "A folder of {Sys}/{Sys}_2k.log with {Sys}_2k.log_structured_corrected.csv (loghub-2k)." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("logparse", "Score the log template miner: GA, PA, FGA, FTA per system and averaged, and lines per second.") { dir, json };
        command.SetAction((parse, ct) => RunLogParseAsync(cli, parse.GetValue(dir)!, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunRcaAsync(CliContext cli, string dataset, string dir, bool json, bool llm, bool perCase, CancellationToken cancellationToken)
    {
        if (ImporterCatalog.Find(dataset) is not { } importer)
        {
            await cli.Error.WriteLineAsync($"error: unknown data set format '{dataset}'; use one of {string.Join(", ", ImporterCatalog.Formats)}");
            return ExitCodes.BadInput;
        }

        if (!Directory.Exists(dir))
        {
            await cli.Error.WriteLineAsync($"error: {dir}: not a folder");
            return ExitCodes.BadInput;
        }

        RcaEvaluationReport report;
        try
        {
            var analysis = AnalysisComposer.Compose(
                AnalysisSpecs.Default,
                new AnalysisCompositionOptions { Environment = cli.Environment, Deterministic = !llm, TopK = RcaEvaluator.RankedForScoring, Time = cli.Time });
            report = await RcaEvaluator.RunAsync(importer, dir, analysis.Analyzer, (done, total, r) =>
                cli.Error.WriteLine(r.Error is { } error
                    ? string.Create(CultureInfo.InvariantCulture, $"[{done}/{total}] {r.Case}: FAILED ({error}); scored as a miss")
                    : string.Create(CultureInfo.InvariantCulture, $"[{done}/{total}] {r.Case}: rank {(r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-")} of {r.Label ?? "?"} ({r.Seconds:0.00} s)")), cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (report.PerCase.Count == 0)
        {
            await cli.Error.WriteLineAsync($"error: no {dataset} case found under {dir}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            await cli.Out.WriteLineAsync(JsonSerializer.Serialize(report, AlphaJson.Indented));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"{report.Dataset} ({report.Mode}): {report.Cases} labelled case(s)");
        table.AddColumns("fault", "cases", "AC@1", "AC@3", "Avg@5", "MAR");
        foreach (var (fault, s) in report.ByFault)
        {
            table.AddRow(Markup.Escape(fault), F0(s["cases"]), F(s["ac@1"]), F(s["ac@3"]), F(s["avg@5"]), F(s["mar"]));
        }

        table.AddRow("[bold]overall[/]", report.Cases.ToString(CultureInfo.InvariantCulture), F(report.Overall["ac@1"]), F(report.Overall["ac@3"]), F(report.Overall["avg@5"]), F(report.Overall["mar"]));
        cli.Console.Write(table);
        if (report.FaultTypeAccuracy is { } fa)
        {
            cli.Console.MarkupLine($"fault-type accuracy (labelled service's best hypothesis): {F(fa)}");
        }

        cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]{report.SecondsPerCase:0.000} s per case[/]"));
        WriteSkipped(cli, report.Skipped);
        if (report.Failed.Count > 0)
        {
            cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[red]{report.Failed.Count} case(s) failed[/] (scored as misses):"));
            foreach (var failed in report.Failed)
            {
                cli.Console.MarkupLine($"  {Markup.Escape(failed.Case)}: {Markup.Escape(failed.Error ?? "")}");
            }
        }

        if (perCase)
        {
            var cases = new Table().Border(TableBorder.Simple);
            cases.AddColumns("case", "label", "rank", "top 3", "predicted fault");
            foreach (var c in report.PerCase)
            {
                cases.AddRow(Markup.Escape(c.Case), Markup.Escape(c.Label ?? "-"), c.Rank?.ToString(CultureInfo.InvariantCulture) ?? "-", Markup.Escape(string.Join(", ", c.Ranked.Take(3))), Markup.Escape(c.PredictedFault ?? "-"));
            }

            cli.Console.Write(cases);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> RunLogParseAsync(CliContext cli, string dir, bool json, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(dir))
        {
            await cli.Error.WriteLineAsync($"error: {dir}: not a folder");
            return ExitCodes.BadInput;
        }

        await cli.Error.WriteLineAsync($"scoring the log template miner on {dir}...");
        LogParsingReport report;
        try
        {
            report = await LogParsingEvaluation.RunAsync(dir, cancellationToken: cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (report.Systems.Count == 0)
        {
            await cli.Error.WriteLineAsync($"error: no {{Sys}}/{{Sys}}_2k.log with its _structured_corrected.csv under {dir}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            await cli.Out.WriteLineAsync(JsonSerializer.Serialize(report, AlphaJson.Indented));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("Log template miner");
        table.AddColumns("system", "lines", "GA", "PA", "FGA", "FTA");
        foreach (var s in report.Systems)
        {
            table.AddRow(Markup.Escape(s.System), s.Lines.ToString(CultureInfo.InvariantCulture), F(s.GroupingAccuracy), F(s.ParsingAccuracy), F(s.GroupingF1), F(s.TemplateF1));
        }

        table.AddRow("[bold]average[/]", "", F(report.Average.GroupingAccuracy), F(report.Average.ParsingAccuracy), F(report.Average.GroupingF1), F(report.Average.TemplateF1));
        cli.Console.Write(table);
        cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{report.LinesPerSecond:N0} lines/s (single thread). [grey]{Markup.Escape(report.Protocol)}[/]"));
        WriteSkipped(cli, report.SkippedRows);
        return ExitCodes.Ok;
    }

    /// <summary>The skipped-row count, always, and the first rows with file, line and reason.</summary>
    private static void WriteSkipped(CliContext cli, IReadOnlyList<CsvSkippedRow> skipped)
    {
        const int Shown = 10;
        cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"skipped {skipped.Count} malformed CSV row(s)"));
        foreach (var row in skipped.Take(Shown))
        {
            cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [grey]{Markup.Escape(row.File)}:{row.Line}: {Markup.Escape(row.Reason)}[/]"));
        }

        if (skipped.Count > Shown)
        {
            cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [grey]... and {skipped.Count - Shown} more (--json lists them all)[/]"));
        }
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string F0(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
