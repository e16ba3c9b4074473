using System.Globalization;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Analysis;
using Spectre.Console;

namespace Alpha.Cli.Rendering;

/// <summary>Renders an <see cref="AnalysisReport"/> for people: the ranked table, the evidence of each hypothesis, the agents, the review verdict and the synthesis.</summary>
internal static class ResultView
{
    public static void Write(IAnsiConsole console, AnalysisReport result)
    {
        var signals = result.SignalsUsed.ToDictionary(s => s.Id, StringComparer.Ordinal);
        if (result.RankedHypotheses.Count == 0)
        {
            console.MarkupLine("[red]No hypothesis survived the judge.[/]");
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title("Ranked root-cause hypotheses");
            table.AddColumns("#", "score", "conf.", "severity", "hypothesis", "service", "agents", "evidence");
            for (var i = 0; i < result.RankedHypotheses.Count; i++)
            {
                var h = result.RankedHypotheses[i];
                table.AddRow(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    h.Score.ToString("0.00", CultureInfo.InvariantCulture),
                    h.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                    SeverityNames.ToName(h.Severity),
                    Markup.Escape(h.Label + (h.FaultType is null ? "" : $" ({h.FaultType})")),
                    Markup.Escape(h.Service ?? "-"),
                    Markup.Escape(string.Join(", ", h.ContributingAgents)),
                    Markup.Escape(string.Join(", ", h.SupportingSignals)));
            }

            console.Write(table);
            for (var i = 0; i < result.RankedHypotheses.Count; i++)
            {
                var h = result.RankedHypotheses[i];
                console.MarkupLine($"[bold]{i + 1}. {Markup.Escape(h.Label)}[/]: {Markup.Escape(h.Description)}");
                foreach (var id in h.SupportingSignals)
                {
                    var text = signals.TryGetValue(id, out var s) ? $"[{SeverityNames.ToName(s.Severity)}] {s.Description}" : "(unknown signal)";
                    console.MarkupLine($"   [grey]{Markup.Escape(id)}[/] {Markup.Escape(text)}");
                }
            }
        }

        var agents = new Table().Border(TableBorder.Simple).Title("Agents");
        agents.AddColumns("agent", "mode", "outcome", "ms", "proposed", "note");
        foreach (var a in result.Agents)
        {
            agents.AddRow(
                Markup.Escape(a.Name),
                Markup.Escape(a.Mode),
                Markup.Escape(a.Outcome),
                a.ExecutionTimeMs.ToString("0", CultureInfo.InvariantCulture),
                a.HypothesesProposed.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(a.Error ?? string.Join("; ", a.Notes)));
        }

        console.Write(agents);
        if (result.Rejected.Count > 0)
        {
            console.MarkupLine($"[yellow]The judge rejected {result.Rejected.Count} claim(s):[/]");
            foreach (var v in result.Rejected)
            {
                console.MarkupLine($"   {Markup.Escape(v.Agent)}: \"{Markup.Escape(v.Label)}\": {Markup.Escape(v.Reason)}");
            }
        }

        console.MarkupLine(result.RequiresHumanReview
            ? $"[red bold]Human review required:[/] {Markup.Escape(string.Join("; ", result.ReviewReasons))}"
            : "[green]No human review required by the thresholds.[/]");
        WriteSynthesis(console, result.Synthesis);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]execution {result.ExecutionId}, {result.SignalsUsed.Count} signals, {result.DurationMs:0} ms[/]"));
    }

    private static void WriteSynthesis(IAnsiConsole console, Synthesis synthesis)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]Synthesis[/] [grey]({Markup.Escape(synthesis.Mode)})[/]");
        console.MarkupLine(Markup.Escape(synthesis.Summary));
        void Section(string title, IReadOnlyList<string> lines)
        {
            if (lines.Count == 0)
            {
                return;
            }

            console.MarkupLine($"[bold]{title}[/]");
            foreach (var line in lines)
            {
                console.MarkupLine($"  - {Markup.Escape(line)}");
            }
        }

        Section("Evidence chain", synthesis.EvidenceChain);
        Section("Ruled out", synthesis.RuledOut);
        Section("Next steps", synthesis.NextSteps);
        foreach (var note in synthesis.Notes)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }
    }
}
