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
        var dirs = new Argument<string[]>("dir")
        {
            Description = "Folders of {Sys}/{Sys}_2k.log with {Sys}_2k.log_structured_corrected.csv (loghub-2k) or _structured.csv (loghub v1).",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var loso = new Option<bool>("--loso") { Description = "Leave one system out: choose every setting on the other systems, score the held-out one; report the spread." };
        var command = new Command("logparse", "Score the log template miner: GA, PA, FGA, FTA per system on the content column and from raw lines (header learned from each file), averaged, and lines per second.") { dirs, json, loso };
        command.SetAction((parse, ct) => parse.GetValue(loso)
            ? RunLosoAsync(cli, parse.GetValue(dirs)!, parse.GetValue(json), ct)
            : RunLogParseAsync(cli, parse.GetValue(dirs)!, parse.GetValue(json), ct));
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

    private static async Task<int> RunLogParseAsync(CliContext cli, string[] dirs, bool json, CancellationToken cancellationToken)
    {
        if (await MissingFolderAsync(cli, dirs))
        {
            return ExitCodes.BadInput;
        }

        await cli.Error.WriteLineAsync($"scoring the log template miner on {string.Join(", ", dirs)}...");
        LogParsingReport report;
        try
        {
            report = await LogParsingEvaluation.RunAsync(dirs, cancellationToken: cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (report.Systems.Count == 0)
        {
            await cli.Error.WriteLineAsync($"error: no {{Sys}}/{{Sys}}_2k.log with its _structured_corrected.csv or _structured.csv under {string.Join(", ", dirs)}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            await cli.Out.WriteLineAsync(JsonSerializer.Serialize(report, AlphaJson.Indented));
            return ExitCodes.Ok;
        }

        cli.Console.Write(ScoreTable("Log template miner: content column", report.Systems, report.Average));
        if (report.RawLines is { } raw)
        {
            cli.Console.Write(ScoreTable("From raw lines (header learned from each file)", raw.Systems, raw.Average));
        }

        cli.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{report.LinesPerSecond:N0} lines/s (single thread). [grey]{Markup.Escape(report.Protocol)}[/]"));
        WriteSkipped(cli, report.SkippedRows);
        return ExitCodes.Ok;
    }

    private static async Task<int> RunLosoAsync(CliContext cli, string[] dirs, bool json, CancellationToken cancellationToken)
    {
        if (await MissingFolderAsync(cli, dirs))
        {
            return ExitCodes.BadInput;
        }

        await cli.Error.WriteLineAsync($"leave-one-system-out over {string.Join(", ", dirs)}...");
        LosoReport report;
        try
        {
            report = await LeaveOneSystemOut.RunAsync(dirs, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (report.Systems.Count < 2)
        {
            await cli.Error.WriteLineAsync("error: leave-one-system-out needs at least two labelled systems");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            await cli.Out.WriteLineAsync(JsonSerializer.Serialize(report, AlphaJson.Indented));
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"Leave one system out ({report.Candidates} miner settings)");
        table.AddColumns("held out", "GA", "PA", "FGA", "FTA", "raw GA", "raw PA", "raw FGA", "raw FTA", "chosen on the others");
        foreach (var s in report.Systems)
        {
            table.AddRow(
                Markup.Escape(s.System), F(s.Content.GroupingAccuracy), F(s.Content.ParsingAccuracy), F(s.Content.GroupingF1), F(s.Content.TemplateF1),
                Fn(s.Raw?.GroupingAccuracy), Fn(s.Raw?.ParsingAccuracy), Fn(s.Raw?.GroupingF1), Fn(s.Raw?.TemplateF1), Markup.Escape(s.Chosen));
        }

        foreach (var (name, pick) in new (string, Func<ScoreSpread, double>)[] { ("mean", x => x.Mean), ("min", x => x.Min), ("max", x => x.Max), ("std", x => x.Std) })
        {
            var c = report.Content;
            var r = report.Raw;
            table.AddRow(
                $"[bold]{name}[/]", F(pick(c.GroupingAccuracy)), F(pick(c.ParsingAccuracy)), F(pick(c.GroupingF1)), F(pick(c.TemplateF1)),
                Fn(r is null ? null : pick(r.GroupingAccuracy)), Fn(r is null ? null : pick(r.ParsingAccuracy)), Fn(r is null ? null : pick(r.GroupingF1)), Fn(r is null ? null : pick(r.TemplateF1)), "");
        }

        cli.Console.Write(table);
        cli.Console.MarkupLine($"[grey]{Markup.Escape(report.Protocol)}[/]");
        return ExitCodes.Ok;
    }

    private static async Task<bool> MissingFolderAsync(CliContext cli, string[] dirs)
    {
        foreach (var dir in dirs)
        {
            if (!Directory.Exists(dir))
            {
                await cli.Error.WriteLineAsync($"error: {dir}: not a folder");
                return true;
            }
        }

        return false;
    }

    private static Table ScoreTable(string title, IReadOnlyList<SystemParsingResult> systems, ParsingAverage average)
    {
        var raw = systems.Any(s => s.MessageMatchRate is not null);
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumns("system", "lines", "GA", "PA", "FGA", "FTA");
        if (raw)
        {
            table.AddColumns("message = Content", "learned header");
        }

        foreach (var s in systems)
        {
            var cells = new List<string> { Markup.Escape(s.System), s.Lines.ToString(CultureInfo.InvariantCulture), F(s.GroupingAccuracy), F(s.ParsingAccuracy), F(s.GroupingF1), F(s.TemplateF1) };
            if (raw)
            {
                cells.Add(Fn(s.MessageMatchRate));
                cells.Add(Markup.Escape(s.Header ?? ""));
            }

            table.AddRow([.. cells]);
        }

        var last = new List<string> { "[bold]average[/]", "", F(average.GroupingAccuracy), F(average.ParsingAccuracy), F(average.GroupingF1), F(average.TemplateF1) };
        if (raw)
        {
            last.Add(Fn(average.MessageMatchRate));
            last.Add("");
        }

        table.AddRow([.. last]);
        return table;
    }

    private static string Fn(double? value) => value is { } v ? F(v) : "-";

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
