using System.Text;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>
/// Grouping accuracy (GA), parsing accuracy (PA), FGA and FTA as loghub-2.0's evaluation code computes them.
/// Groups are identified by their template string, as loghub groups the <c>EventTemplate</c> column: two
/// predicted clusters that print the same template count as one group. Template strings are compared exactly
/// after trimming and collapsing runs of white space (the ground truth already went through loghub's
/// double-space rule); runs of variables are not merged, so <c>&lt;*&gt; &lt;*&gt;</c> differs from <c>&lt;*&gt;</c>.
/// Lines whose true template is empty are left out, as loghub drops null ground truth.
/// </summary>
public static class LogParsingMetrics
{
    /// <summary>Scores predicted templates against true templates, line by line.</summary>
    /// <param name="truthTemplates">The true template of each line.</param>
    /// <param name="predictedTemplates">The predicted template of each line, in the same order.</param>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static ParsingScores Score(IReadOnlyList<string> truthTemplates, IReadOnlyList<string> predictedTemplates)
    {
        ArgumentNullException.ThrowIfNull(truthTemplates);
        ArgumentNullException.ThrowIfNull(predictedTemplates);
        if (truthTemplates.Count != predictedTemplates.Count)
        {
            throw new ArgumentException($"{predictedTemplates.Count} predicted templates for {truthTemplates.Count} lines; give one per line.", nameof(predictedTemplates));
        }

        var truth = new List<string>(truthTemplates.Count);
        var predicted = new List<string>(truthTemplates.Count);
        for (var i = 0; i < truthTemplates.Count; i++)
        {
            var t = NormalizeWhitespace(truthTemplates[i]);
            if (t.Length == 0)
            {
                continue;
            }

            truth.Add(t);
            predicted.Add(NormalizeWhitespace(predictedTemplates[i] ?? string.Empty));
        }

        if (truth.Count == 0)
        {
            return new ParsingScores(0, 0, 0, 0, 0, 0);
        }

        var predictedSizes = new Dictionary<string, int>(StringComparer.Ordinal);
        var truthGroups = new Dictionary<string, TruthGroup>(StringComparer.Ordinal);
        var predictedGroups = new Dictionary<string, PredictedGroup>(StringComparer.Ordinal);
        var exact = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var t = truth[i];
            var p = predicted[i];
            predictedSizes[p] = predictedSizes.GetValueOrDefault(p) + 1;
            if (string.Equals(t, p, StringComparison.Ordinal))
            {
                exact++;
            }

            if (!truthGroups.TryGetValue(t, out var tg))
            {
                truthGroups[t] = tg = new TruthGroup(p);
            }

            tg.Size++;
            tg.SinglePrediction &= string.Equals(tg.Prediction, p, StringComparison.Ordinal);

            if (!predictedGroups.TryGetValue(p, out var pg))
            {
                predictedGroups[p] = pg = new PredictedGroup(t);
            }

            pg.SingleTruth &= string.Equals(pg.Truth, t, StringComparison.Ordinal);
        }

        var accurateLines = 0;
        var accurateGroups = 0;
        foreach (var group in truthGroups.Values)
        {
            if (group.SinglePrediction && predictedSizes[group.Prediction] == group.Size)
            {
                accurateLines += group.Size;
                accurateGroups++;
            }
        }

        var correctTemplates = 0;
        foreach (var (template, group) in predictedGroups)
        {
            if (group.SingleTruth && string.Equals(group.Truth, template, StringComparison.Ordinal))
            {
                correctTemplates++;
            }
        }

        var ga = (double)accurateLines / truth.Count;
        var pa = (double)exact / truth.Count;
        var fga = F1((double)accurateGroups / predictedGroups.Count, (double)accurateGroups / truthGroups.Count);
        var fta = F1((double)correctTemplates / predictedGroups.Count, (double)correctTemplates / truthGroups.Count);
        return new ParsingScores(ga, pa, fga, fta, predictedGroups.Count, truthGroups.Count);
    }

    /// <summary>Trims a template and collapses every run of white space to one space.</summary>
    public static string NormalizeWhitespace(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var span = template.AsSpan().Trim();
        var needsWork = false;
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                needsWork = true;
                break;
            }
        }

        if (!needsWork)
        {
            return span.Length == template.Length ? template : span.ToString();
        }

        var builder = new StringBuilder(span.Length);
        var inSpace = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                inSpace = true;
                continue;
            }

            if (inSpace)
            {
                builder.Append(' ');
                inSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static double F1(double precision, double recall) =>
        precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

    private sealed class TruthGroup(string prediction)
    {
        public string Prediction { get; } = prediction;

        public int Size { get; set; }

        public bool SinglePrediction { get; set; } = true;
    }

    private sealed class PredictedGroup(string truth)
    {
        public string Truth { get; } = truth;

        public bool SingleTruth { get; set; } = true;
    }
}
