using System.Globalization;
using Alpha.Sre.LogMining;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>
/// Leave-one-system-out evaluation of the log template miner: for each system, every tunable setting (the
/// miner's similarity threshold, tree depth, settled-after-lines count and leading-word merge, and the header
/// learner's column share) is chosen on the OTHER systems only, by the best mean GA + mean PA there, and the
/// held-out system is scored with that choice. The spread over held-out systems estimates what a system
/// nobody has seen gets.
/// </summary>
public static class LeaveOneSystemOut
{
    /// <summary>The protocol, as written into reports.</summary>
    public const string Protocol =
        "for each system: miner settings chosen from the grid by mean GA + mean PA on the content column of the other systems; header column share chosen by mean raw-line GA + PA on the other systems with those settings; the held-out system scored with both";

    /// <summary>The similarity thresholds tried.</summary>
    public static readonly IReadOnlyList<double> SimilarityThresholds = [0.4, 0.5, 0.6];

    /// <summary>The tree depths tried.</summary>
    public static readonly IReadOnlyList<int> Depths = [1, 2, 3];

    /// <summary>The settled-after-lines counts tried.</summary>
    public static readonly IReadOnlyList<int> SettledAfterLines = [4, 8, 16];

    /// <summary>The leading-word merge settings tried (0: off).</summary>
    public static readonly IReadOnlyList<int> LeadingWordsToMerge = [0, 3];

    /// <summary>The header learner's column shares tried.</summary>
    public static readonly IReadOnlyList<double> HeaderColumnShares = [0.8, 0.9, 0.95];

    /// <summary>Every miner setting of the grid, the defaults first (a tie keeps the earlier setting).</summary>
    public static IReadOnlyList<LogTemplateMinerOptions> Grid =>
    [
        new LogTemplateMinerOptions(),
        .. from s in SimilarityThresholds
           from d in Depths
           from n in SettledAfterLines
           from l in LeadingWordsToMerge
           let o = new LogTemplateMinerOptions { SimilarityThreshold = s, Depth = d, SettledAfterLines = n, LeadingWordsToMerge = l }
           where o != new LogTemplateMinerOptions()
           select o,
    ];

    /// <summary>Runs the protocol over the systems found under the folders (at least two are needed).</summary>
    /// <exception cref="Alpha.Runtime.Schemas.InvalidInputException">A folder does not exist or a file in it is malformed.</exception>
    public static async Task<LosoReport> RunAsync(IReadOnlyList<string> directories, CancellationToken cancellationToken = default)
    {
        var sets = await LogParsingEvaluation.LoadAsync(directories, null, cancellationToken);
        return Run(sets, cancellationToken);
    }

    /// <summary>Runs the protocol over loaded systems.</summary>
    public static LosoReport Run(IReadOnlyList<LabeledLogSet> sets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var grid = Grid;

        // Every setting on every system once; each held-out run then only picks from the table.
        var content = new SystemParsingResult[grid.Count, sets.Count];
        for (var c = 0; c < grid.Count; c++)
        {
            for (var s = 0; s < sets.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                content[c, s] = LogParsingEvaluation.ScoreContent(sets[s], grid[c]);
            }
        }

        var raw = new Dictionary<(int Config, double Share, int Set), SystemParsingResult>();
        SystemParsingResult Raw(int c, double share, int s)
        {
            if (!raw.TryGetValue((c, share, s), out var result))
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw[(c, share, s)] = result = LogParsingEvaluation.ScoreRawLines(sets[s], grid[c], share);
            }

            return result;
        }

        var results = new List<LosoSystemResult>(sets.Count);
        for (var held = 0; held < sets.Count; held++)
        {
            var others = Enumerable.Range(0, sets.Count).Where(s => s != held && sets[s].Lines.Count > 0).ToList();
            var bestConfig = 0;
            var bestScore = double.NegativeInfinity;
            for (var c = 0; c < grid.Count; c++)
            {
                var score = others.Count == 0 ? 0 : others.Average(s => content[c, s].GroupingAccuracy + content[c, s].ParsingAccuracy);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestConfig = c;
                }
            }

            var withRaw = others.Where(s => sets[s].HasRawLines).ToList();
            var bestShare = LogHeaderLearner.MinColumnShare;
            var bestRaw = double.NegativeInfinity;
            foreach (var share in HeaderColumnShares.OrderBy(x => Math.Abs(x - LogHeaderLearner.MinColumnShare)))
            {
                var score = withRaw.Count == 0 ? 0 : withRaw.Average(s => Raw(bestConfig, share, s).GroupingAccuracy + Raw(bestConfig, share, s).ParsingAccuracy);
                if (score > bestRaw)
                {
                    bestRaw = score;
                    bestShare = share;
                }
            }

            var o = grid[bestConfig];
            var chosen = string.Create(CultureInfo.InvariantCulture, $"similarity {o.SimilarityThreshold}, depth {o.Depth}, settled {o.SettledAfterLines}, leading {o.LeadingWordsToMerge}, header share {bestShare}");
            results.Add(new LosoSystemResult(sets[held].System, chosen, content[bestConfig, held], sets[held].HasRawLines ? Raw(bestConfig, bestShare, held) : null));
        }

        var raws = results.Where(r => r.Raw is not null).Select(r => r.Raw!).ToList();
        return new LosoReport(Protocol, grid.Count, results, LosoSpread.Of([.. results.Select(r => r.Content)]), raws.Count == 0 ? null : LosoSpread.Of(raws));
    }
}
