using System.Globalization;
using System.Text.RegularExpressions;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.LogMining;
using Alpha.Sre.Signals.Evidence;

namespace Alpha.Sre.Signals.Logs;

/// <summary>
/// Log signals: a per-service statement mix over ALL levels, against the lines before the onset (the reference).
/// Every line goes through the <see cref="LogTemplateMiner"/> (plain lines are first split into timestamp, level and
/// message by <see cref="LogLineSplitter"/>); a statement is identified by its source id when the line carries one
/// (<c>Logger#123</c>, <c>File.java:88</c>: two statements of one logger are different events even when the miner
/// masks the number), else by its template. Per (service, statement), lines are counted before and after the onset
/// and compared with the count the statement's share of its service's lines before the onset predicts (a Poisson
/// surprise, <see cref="Surprise"/>, in the same units as a metric's robust score):
/// <list type="bullet">
/// <item><description>error statements: <see cref="SignalTypes.LogNewErrorTemplate"/> (never written before) and
/// <see cref="SignalTypes.LogErrorBurst"/> (rate at least <see cref="MinBurstRatio"/> times the rate before), as before;</description></item>
/// <item><description>other statements: <see cref="SignalTypes.LogTemplateNew"/>, <see cref="SignalTypes.LogTemplateShift"/>
/// (share up or down) and <see cref="SignalTypes.LogTemplateVanished"/> (a regular statement no longer written while
/// its service still logs: the code path that wrote it is no longer taken), each with a surprise of at least
/// <see cref="MinSurprise"/>.</description></item>
/// </list>
/// A service that wrote nothing before the onset is unknown, not anomalous: its error statements are plain
/// <see cref="SignalTypes.LogErrors"/>. Without an onset (no times, no detection time) each error statement is a
/// <see cref="SignalTypes.LogErrors"/>. Each signal carries the template, its category (pool, oom, disk, timeout,
/// connection, cpu, exception, error), the level, the statement id, the exception type and any other known service
/// the message names (the callee of a failing call).
/// </summary>
public static partial class LogSignalExtractor
{
    /// <summary>Rate ratio (after / before the onset) from which a known error template counts as a burst.</summary>
    public const double MinBurstRatio = 3.0;

    /// <summary>Least surprise (Poisson z against the reference share) for a statement-mix signal; the metric bar.</summary>
    public const double MinSurprise = 3.0;

    /// <summary>Most log signals reported (strongest first); the rest are summarised in the count.</summary>
    public const int MaxSignals = 60;

    /// <summary>Most broken-sequence signals reported (strongest first), besides <see cref="MaxSignals"/>.</summary>
    public const int MaxSequenceSignals = 20;

    /// <summary>Adds log signals to <paramref name="builder"/>.</summary>
    public static void Extract(SreIncident incident, DateTimeOffset? onset, SignalBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(builder);
        if (incident.Logs.Count == 0)
        {
            return;
        }

        var miner = new LogTemplateMiner();
        var services = incident.Services;
        var groups = new Dictionary<(string? Service, string Statement), Group>();
        var totals = new Dictionary<string, (int Before, int After)>(StringComparer.Ordinal);
        var sequences = new StatementSequences();
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        foreach (var entry in incident.Logs)
        {
            var message = entry.Message;
            var level = entry.Level;
            var timestamp = entry.Timestamp;
            if (level is null || timestamp is null)
            {
                var parts = LogLineSplitter.Split(message);
                message = parts.Message;
                level ??= parts.Level;
                timestamp ??= parts.Timestamp;
            }

            var match = miner.Add(message, timestamp, level);
            if (timestamp is { } t)
            {
                first = first is null || t < first ? t : first;
                last = last is null || t > last ? t : last;
            }

            var statement = StatementId(message) is { } id ? "id:" + id : "t:" + match.TemplateId.ToString(CultureInfo.InvariantCulture);
            var key = (entry.Service, statement);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Group(entry.Service, message, match.TemplateId, statement.StartsWith("id:", StringComparison.Ordinal) ? statement[3..] : null, statement);
                groups.Add(key, group);
            }

            var after = onset is null || timestamp is null || timestamp >= onset;
            var traced = sequences.Add(entry.Service, entry.Message, statement, after, entry.TraceId);
            var serviceKey = entry.Service ?? "";
            var total = totals.GetValueOrDefault(serviceKey);
            totals[serviceKey] = after ? (total.Before, total.After + 1) : (total.Before + 1, total.After);
            group.Traced += traced ? 1 : 0;
            if (after)
            {
                group.After++;
            }
            else
            {
                group.Before++;
            }

            group.IsError |= LogCategories.IsError(level, message);
            group.Level ??= level;
            group.FirstSeen = timestamp is { } ts && after && (group.FirstSeen is null || ts < group.FirstSeen) ? ts : group.FirstSeen;
        }

        var beforeSpan = onset is { } o && first is { } f && o > f ? (o - f).TotalSeconds : 0;
        var afterSpan = onset is { } o2 && last is { } l && l > o2 ? (l - o2).TotalSeconds : 0;
        var compared = onset is not null && beforeSpan > 0 && afterSpan > 0;
        var candidates = new List<Candidate>();
        foreach (var group in groups.Values)
        {
            var template = miner.GetTemplate(miner.ResolveId(group.TemplateId))?.Template ?? group.Example;
            var (totalBefore, totalAfter) = totals.GetValueOrDefault(group.Service ?? "");
            if (!compared || totalBefore == 0)
            {
                // No reference for this service (or no times at all): only its errors say something, without a baseline.
                if (group.IsError && group.After > 0)
                {
                    candidates.Add(new Candidate(group, SignalTypes.LogErrors, group.After, group.After, template, null));
                }

                continue;
            }

            // Lines of one request are not independent witnesses (a loop writes a statement many times): when every
            // line of the statement names its request, its share is counted in requests rather than lines.
            var surprise = group.Service is { } traced && group.Traced == group.Before + group.After && sequences.Complete
                && sequences.Requests(traced) is { Before: > 0 } requests
                ? Surprise(sequences.Requests(traced, group.Key).After, sequences.Requests(traced, group.Key).Before * (double)requests.After / requests.Before)
                : Surprise(group.After, group.Before * (double)totalAfter / totalBefore);
            if (group.IsError)
            {
                if (group.After > 0 && group.Before == 0)
                {
                    candidates.Add(new Candidate(group, SignalTypes.LogNewErrorTemplate, group.After, Math.Max(surprise, 0), template, ChangeDirection.Up));
                }
                else if (group.After > 0)
                {
                    var ratio = (group.After / afterSpan) / (group.Before / beforeSpan);
                    if (ratio >= MinBurstRatio)
                    {
                        candidates.Add(new Candidate(group, SignalTypes.LogErrorBurst, Math.Round(ratio, 2), Math.Max(surprise, 0), template, ChangeDirection.Up));
                    }
                }

                continue;
            }

            if (Math.Abs(surprise) < MinSurprise)
            {
                continue;
            }

            var type = surprise > 0
                ? group.Before == 0 ? SignalTypes.LogTemplateNew : SignalTypes.LogTemplateShift
                : group.After == 0 && totalAfter > 0 ? SignalTypes.LogTemplateVanished : SignalTypes.LogTemplateShift;
            candidates.Add(new Candidate(group, type, group.After, Math.Abs(surprise), template, surprise > 0 ? ChangeDirection.Up : ChangeDirection.Down));
        }

        foreach (var c in candidates.OrderByDescending(c => c.Group.IsError).ThenByDescending(c => c.Surprise).ThenBy(c => c.Template, StringComparer.Ordinal).Take(MaxSignals))
        {
            var group = c.Group;
            var category = LogCategories.Category(group.Example);
            var exception = LogCategories.ExceptionType(group.Example);
            var target = LogCategories.MentionedService(group.Example, group.Service, services);
            var what = c.Type switch
            {
                SignalTypes.LogNewErrorTemplate => $"new error template after onset ({group.After}x)",
                SignalTypes.LogErrorBurst => string.Create(CultureInfo.InvariantCulture, $"error burst x{c.Value:0.#} against the baseline ({group.After}x after onset)"),
                SignalTypes.LogTemplateNew => $"new statement after onset ({group.After}x)",
                SignalTypes.LogTemplateVanished => $"statement no longer written ({group.Before}x before the onset, none after)",
                SignalTypes.LogTemplateShift => string.Create(CultureInfo.InvariantCulture, $"statement share {(c.Direction == ChangeDirection.Up ? "rose" : "fell")} ({group.Before}x before, {group.After}x after the onset; surprise {c.Surprise:0.0})"),
                _ => $"error lines ({group.After}x)",
            };
            var specific = category is not ("error" or "exception");
            var severity = group.IsError
                ? group.After >= 5 || specific ? Severity.High : Severity.Medium
                : c.Surprise >= 10 ? Severity.Medium : Severity.Low;
            builder.Add(
                c.Type,
                $"{(group.Service is null ? "" : group.Service + ": ")}{what}: {Shorten(group.Statement is { } s && !c.Template.Contains(s, StringComparison.Ordinal) ? $"[{s}] {c.Template}" : c.Template)}",
                severity,
                "logs",
                c.Type is SignalTypes.LogErrors or SignalTypes.LogErrorBurst ? c.Value : c.Surprise,
                group.Service,
                group.FirstSeen,
                new LogTemplateBurst(
                    c.Template,
                    category,
                    group.After,
                    group.Before,
                    exception,
                    group.IsError ? target : null,
                    group.IsError,
                    group.Statement,
                    group.Level,
                    c.Direction is null ? null : c.Surprise,
                    c.Direction));
        }

        if (compared)
        {
            AddSequenceBreaks(sequences, groups, miner, builder);
        }
    }

    /// <summary>Adds a <see cref="SignalTypes.LogSequenceBroken"/> signal per statement that stopped following another (strongest first).</summary>
    private static void AddSequenceBreaks(StatementSequences sequences, Dictionary<(string? Service, string Statement), Group> groups, LogTemplateMiner miner, SignalBuilder builder)
    {
        // An error statement that stops following its predecessor is a failure that stopped: not a fault's trace.
        foreach (var (gap, group) in sequences.FindBreaks(MinSurprise).Select(b => (b, groups[(b.Service, b.Statement)])).Where(b => !b.Item2.IsError).Take(MaxSequenceSignals))
        {
            var predecessor = groups[(gap.Service, gap.Predecessor)];
            var template = miner.GetTemplate(miner.ResolveId(group.TemplateId))?.Template ?? group.Example;
            var before = miner.GetTemplate(miner.ResolveId(predecessor.TemplateId))?.Template ?? predecessor.Example;
            builder.Add(
                SignalTypes.LogSequenceBroken,
                string.Create(CultureInfo.InvariantCulture, $"{gap.Service}: statement no longer follows its predecessor (in {gap.FollowedBefore} of {gap.RequestsBefore} requests before the onset, {gap.FollowedAfter} of {gap.RequestsAfter} after; surprise {gap.Surprise:0.0}): {Shorten(group.Statement is { } s && !template.Contains(s, StringComparison.Ordinal) ? $"[{s}] {template}" : template)}"),
                gap.Surprise >= 10 ? Severity.High : Severity.Medium,
                "logs",
                gap.Surprise,
                gap.Service,
                predecessor.FirstSeen,
                new LogSequenceBreak(template, group.Statement, before, predecessor.Statement, gap.RequestsBefore, gap.FollowedBefore, gap.RequestsAfter, gap.FollowedAfter, gap.Surprise));
        }
    }

    /// <summary>
    /// How surprising <paramref name="observed"/> lines are when <paramref name="expected"/> were due: a Poisson z,
    /// (observed - expected) / sqrt(max(expected, 1)); negative when fewer lines came than expected.
    /// </summary>
    public static double Surprise(int observed, double expected) => (observed - expected) / Math.Sqrt(Math.Max(expected, 1));

    /// <summary>The source id of the statement that wrote <paramref name="message"/> (<c>Logger#123</c>, <c>File.java:88</c>), or null.</summary>
    public static string? StatementId(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var head = message.Length > 240 ? message[..240] : message;
        var m = StatementPattern().Match(head);
        return m.Success ? m.Value : null;
    }

    [GeneratedRegex(@"(?<=^|\s)[\w$.\[\]]*[A-Za-z\]]#\d+(?=$|[\s:,])|(?<=^|[\s(\[])[\w$]+\.(?:java|kt|scala|py|go|cs|js|ts|rb|c|cc|cpp|rs|php):\d+(?=$|[\s:,)\]])", RegexOptions.CultureInvariant)]
    private static partial Regex StatementPattern();

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "...";

    private sealed record Candidate(Group Group, string Type, double Value, double Surprise, string Template, ChangeDirection? Direction);

    private sealed class Group(string? service, string example, int templateId, string? statement, string key)
    {
        /// <summary>The statement key (<c>id:</c> source id or <c>t:</c> template id) the group is counted under.</summary>
        public string Key { get; } = key;

        /// <summary>Lines that named their request (a trace id).</summary>
        public int Traced { get; set; }

        public string? Service { get; } = service;

        public string Example { get; } = example;

        public int TemplateId { get; } = templateId;

        public string? Statement { get; } = statement;

        public bool IsError { get; set; }

        public string? Level { get; set; }

        public int Before { get; set; }

        public int After { get; set; }

        public DateTimeOffset? FirstSeen { get; set; }
    }
}
