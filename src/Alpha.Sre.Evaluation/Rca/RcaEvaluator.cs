using System.Diagnostics;
using Alpha.Sre.Analysis;
using Alpha.Sre.Evaluation.Csv;
using Alpha.Sre.Evaluation.Importers;

namespace Alpha.Sre.Evaluation.Rca;

/// <summary>
/// Imports every case under a folder, analyses each with the analyzer it is given (the CLI composes it from the
/// same analysis spec as <c>alpha analyze</c>, keeping <see cref="RankedForScoring"/> hypotheses; one configuration
/// for every data set), and scores the ranked services against
/// the labels, which the analysis never sees.
/// </summary>
public static class RcaEvaluator
{
    /// <summary>How many ranked hypotheses an evaluation keeps, so that five distinct services can be scored.</summary>
    public const int RankedForScoring = 20;

    /// <summary>
    /// Runs the evaluation; <paramref name="progress"/> is told after each case (done, case folders, result). A case
    /// whose import or analysis throws is reported with its reason (<see cref="RcaCaseResult.Error"/>), scored as a
    /// miss, and the run goes on; malformed CSV rows skipped by the importers are counted in the report.
    /// </summary>
    public static async Task<RcaEvaluationReport> RunAsync(
        IIncidentImporter importer,
        string root,
        SreAnalyzer analyzer,
        Action<int, int, RcaCaseResult>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(analyzer);
        var paths = importer.FindCases(root);
        var results = new List<RcaCaseResult>();
        var faultChecks = new List<bool>();
        var skipped = new CsvSkipLog();
        var done = 0;
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<ImportedCase> cases;
            var importClock = Stopwatch.StartNew();
            try
            {
                cases = importer.Import(root, path);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One unreadable case folder is reported and scored as a miss; the other cases still run.
                var failed = new RcaCaseResult(CaseIdOf(root, path), null, null, [], null, null, null, importClock.Elapsed.TotalSeconds)
                {
                    Error = $"import failed: {ex.Message}",
                };
                results.Add(failed);
                progress?.Invoke(++done, paths.Count, failed);
                continue;
            }

            foreach (var imported in cases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var row in imported.SkippedRows)
                {
                    skipped.Add(row.File, row.Line, row.Reason);
                }

                var label = imported.Label;
                var clock = Stopwatch.StartNew();
                RcaCaseResult result;
                try
                {
                    var report = await analyzer.AnalyzeAsync(imported.Incident.ToInput(), cancellationToken: cancellationToken).ConfigureAwait(false);
                    var ranked = report.RankedHypotheses.Where(h => h.Service is not null).Select(h => h.Service!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                    var rank = label is null ? null : RcaScores.RankOf(ranked, label.Service);
                    var predicted = label is null ? null : report.RankedHypotheses.FirstOrDefault(h => string.Equals(h.Service, label.Service, StringComparison.OrdinalIgnoreCase))?.FaultType;
                    bool? faultCorrect = label?.FaultType is { } f && rank is not null ? string.Equals(predicted, f, StringComparison.Ordinal) : null;
                    result = new RcaCaseResult(imported.CaseId, label?.Service, label?.DatasetFault, ranked, rank, predicted, faultCorrect, clock.Elapsed.TotalSeconds);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    result = new RcaCaseResult(imported.CaseId, label?.Service, label?.DatasetFault, [], null, null, null, clock.Elapsed.TotalSeconds)
                    {
                        Error = $"analysis failed: {ex.Message}",
                    };
                }

                results.Add(result);
                if (label?.FaultType is not null)
                {
                    faultChecks.Add(result.FaultCorrect == true);
                }

                progress?.Invoke(++done, paths.Count, result);
            }
        }

        // A failed case counts as a miss (unranked) among the scored cases, even when its label could not be read.
        var labelled = results.Where(r => r.Label is not null || r.Error is not null).ToArray();
        return new RcaEvaluationReport(
            importer.Format,
            analyzer.Runtime.Agents.GetAll().Any(a => a.ChatClient is not null) ? "llm" : "deterministic",
            labelled.Length,
            Scores(labelled),
            labelled.GroupBy(r => r.Fault ?? "unlabelled").OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>(Scores([.. g])) { ["cases"] = g.Count() }),
            results,
            results.Count == 0 ? 0 : results.Average(r => r.Seconds))
        {
            FaultTypeAccuracy = faultChecks.Count == 0 ? null : faultChecks.Count(c => c) / (double)faultChecks.Count,
            SkippedRows = skipped.Count,
            Skipped = skipped.Rows,
            Failed = [.. results.Where(r => r.Error is not null)],
        };
    }

    private static string CaseIdOf(string root, string path)
    {
        var id = Path.GetRelativePath(root, path).Replace('\\', '/');
        return id == "." ? new DirectoryInfo(path).Name : id;
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
