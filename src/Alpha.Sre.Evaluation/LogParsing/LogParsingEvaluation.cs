using Alpha.Sre.Logs;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>
/// Scores <see cref="LogTemplateMiner"/> on a loghub-2.0 style folder: per system, every labelled line's content
/// goes through one fresh miner in log order, each line gets the final template of the template it joined,
/// and GA, PA, FGA and FTA are computed against the corrected ground truth (<see cref="LogParsingMetrics"/>).
/// </summary>
public static class LogParsingEvaluation
{
    /// <summary>The protocol, as written into reports.</summary>
    public const string Protocol =
        "content column of {System}_2k.log_structured_corrected.csv fed in log order to one fresh miner per system (as loghub-2.0 feeds parsers after its per-dataset header step), default options for all systems, scored with loghub-2.0's GA/PA/FGA/FTA against EventTemplate";

    /// <summary>Runs the evaluation over every system found under <paramref name="directory"/>.</summary>
    /// <param name="directory">The loghub-2k folder (one subfolder per system).</param>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <param name="cancellationToken">Stops between systems.</param>
    /// <returns>The report; with no systems (and zero averages) when the folder holds no structured files.</returns>
    /// <exception cref="Alpha.Runtime.Schemas.InvalidInputException">The folder does not exist or a file in it is malformed.</exception>
    public static async Task<LogParsingReport> RunAsync(string directory, LogParsingEvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LogParsingEvaluationOptions();
        options.Miner.Validate();
        var files = LoghubLoader.FindStructuredFiles(directory);
        if (options.Systems is { } only)
        {
            files = [.. files.Where(f => only.Contains(LoghubLoader.SystemName(f), StringComparer.OrdinalIgnoreCase))];
        }

        var sets = new List<LabeledLogSet>(files.Count);
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sets.Add(await LoghubLoader.LoadAsync(file, cancellationToken));
        }

        var contentResults = new List<SystemParsingResult>(sets.Count);
        var rawResults = new List<SystemParsingResult>();
        foreach (var set in sets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var contents = set.Lines.Select(l => l.Content).ToList();
            var truth = set.Lines.Select(l => l.EventTemplate).ToList();
            var scores = LogParsingMetrics.Score(truth, Parse(contents, options.Miner));
            contentResults.Add(SystemParsingResult.From(set.System, set.Lines.Count, scores));

            if (options.IncludeRawLines && set.HasRawLines)
            {
                var messages = new List<string>(set.Lines.Count);
                var same = 0;
                foreach (var line in set.Lines)
                {
                    var message = LogLineSplitter.Split(line.RawLine!).Message;
                    messages.Add(message);
                    if (string.Equals(message.Trim(), line.Content.Trim(), StringComparison.Ordinal))
                    {
                        same++;
                    }
                }

                var rawScores = LogParsingMetrics.Score(truth, Parse(messages, options.Miner));
                rawResults.Add(SystemParsingResult.From(set.System, set.Lines.Count, rawScores) with
                {
                    MessageMatchRate = set.Lines.Count == 0 ? 0 : (double)same / set.Lines.Count,
                });
            }
        }

        var linesPerSecond = Measure(sets, options, cancellationToken);
        var raw = rawResults.Count == 0 ? null : new RawLineResults(rawResults, ParsingAverage.Of(rawResults));
        return new LogParsingReport(Protocol, contentResults, ParsingAverage.Of(contentResults), linesPerSecond, raw) { SkippedRows = [.. sets.SelectMany(s => s.SkippedRows)] };
    }

    /// <summary>Mines <paramref name="messages"/> in order with one fresh miner and returns each line's final template.</summary>
    public static IReadOnlyList<string> Parse(IReadOnlyList<string> messages, LogTemplateMinerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var miner = new LogTemplateMiner(options, new FixedTimeProvider());
        var ids = new int[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            miner.Add(messages[i]);
            ids[i] = miner.LastClusterId;
        }

        var texts = new Dictionary<int, string>();
        var templates = new string[messages.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = miner.ResolveId(ids[i]);
            if (!texts.TryGetValue(id, out var text))
            {
                text = miner.GetTemplate(id)!.Template;
                texts[id] = text;
            }

            templates[i] = text;
        }

        return templates;
    }

    private static double Measure(List<LabeledLogSet> sets, LogParsingEvaluationOptions options, CancellationToken cancellationToken)
    {
        if (options.TimedPasses <= 0)
        {
            return 0;
        }

        var contents = sets.Select(s => s.Lines.Select(l => l.Content).ToArray()).ToList();
        var repeats = Math.Max(1, options.TimedRepeats);
        var total = (double)contents.Sum(c => c.Length) * repeats;
        var clock = options.TimeProvider;
        var stamp = DateTimeOffset.UnixEpoch;
        var best = TimeSpan.MaxValue;
        for (var pass = 0; pass < options.TimedPasses; pass++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = clock.GetTimestamp();
            foreach (var lines in contents)
            {
                var miner = new LogTemplateMiner(options.Miner);
                for (var r = 0; r < repeats; r++)
                {
                    foreach (var line in lines)
                    {
                        miner.Add(line, stamp);
                    }
                }
            }

            var elapsed = clock.GetElapsedTime(started);
            if (elapsed < best)
            {
                best = elapsed;
            }
        }

        return best.TotalSeconds <= 0 ? 0 : total / best.TotalSeconds;
    }

    // Scoring does not need arrival times; a fixed clock keeps the miner off the system clock.
    private sealed class FixedTimeProvider : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;
    }
}
