using System.Diagnostics;
using Alpha.Runtime;
using Alpha.Runtime.Aggregation;
using Alpha.Sre.Analysis;
using Alpha.Sre.Evaluation.Importers;

namespace Alpha.Sre.Evaluation.Rca;

/// <summary>
/// Imports every case under a folder, analyses each with the very same <see cref="SreAnalyzer"/> that
/// <c>alpha analyze</c> uses (one configuration for every data set), and scores the ranked services against
/// the labels, which the analysis never sees.
/// </summary>
public static class RcaEvaluator
{
    /// <summary>How many ranked hypotheses an evaluation keeps, so that five distinct services can be scored.</summary>
    public const int RankedForScoring = 20;

    /// <summary>Runs the evaluation; <paramref name="progress"/> is told after each case (done, total, result).</summary>
    public static async Task<RcaEvaluationReport> RunAsync(
        IIncidentImporter importer,
        string root,
        bool llm,
        Func<string, string?> environment,
        Action<int, int, RcaCaseResult>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        var analyzer = new SreAnalyzer(new SreAnalyzerOptions
        {
            Runtime = new AlphaRuntimeOptions { Aggregator = new AggregatorOptions { TopK = RankedForScoring } },
            Environment = environment,
            Deterministic = !llm,
        });
        var paths = importer.FindCases(root);
        var results = new List<RcaCaseResult>();
        var faultChecks = new List<bool>();
        var done = 0;
        foreach (var path in paths)
        {
            foreach (var imported in importer.Import(root, path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                var report = await analyzer.AnalyzeAsync(imported.Incident, cancellationToken: cancellationToken).ConfigureAwait(false);
                var ranked = report.RankedHypotheses.Where(h => h.Service is not null).Select(h => h.Service!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                var label = imported.Label;
                var rank = label is null ? null : RcaScores.RankOf(ranked, label.Service);
                var predicted = label is null ? null : report.RankedHypotheses.FirstOrDefault(h => string.Equals(h.Service, label.Service, StringComparison.OrdinalIgnoreCase))?.FaultType;
                bool? faultCorrect = label?.FaultType is { } f && rank is not null ? string.Equals(predicted, f, StringComparison.Ordinal) : null;
                var result = new RcaCaseResult(imported.CaseId, label?.Service, label?.DatasetFault, ranked, rank, predicted, faultCorrect, clock.Elapsed.TotalSeconds);
                results.Add(result);
                if (label?.FaultType is not null)
                {
                    faultChecks.Add(faultCorrect == true);
                }

                progress?.Invoke(++done, paths.Count, result);
            }
        }

        var labelled = results.Where(r => r.Label is not null).ToArray();
        return new RcaEvaluationReport(
            importer.Format,
            llm ? "llm" : "deterministic",
            labelled.Length,
            Scores(labelled),
            labelled.GroupBy(r => r.Fault ?? "unlabelled").OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>(Scores([.. g])) { ["cases"] = g.Count() }),
            results,
            results.Count == 0 ? 0 : results.Average(r => r.Seconds))
        {
            FaultTypeAccuracy = faultChecks.Count == 0 ? null : faultChecks.Count(c => c) / (double)faultChecks.Count,
        };
    }

    private static Dictionary<string, double> Scores(RcaCaseResult[] cases)
    {
        var ranks = cases.Select(c => c.Rank).ToArray();
        var unranked = cases.Length == 0 ? 10 : cases.Max(c => c.Ranked.Count) + 1;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["ac@1"] = RcaScores.AccuracyAt(ranks, 1),
            ["ac@3"] = RcaScores.AccuracyAt(ranks, 3),
            ["avg@5"] = RcaScores.Avg5(ranks),
            ["hr@1"] = RcaScores.AccuracyAt(ranks, 1),
            ["hr@3"] = RcaScores.AccuracyAt(ranks, 3),
            ["mar"] = RcaScores.MeanRank(ranks, unranked),
        };
    }
}
