using System.Globalization;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.LogMining;
using Alpha.Sre.Signals.Evidence;

namespace Alpha.Sre.Signals.Logs;

/// <summary>
/// Log signals. Every line goes through the <see cref="LogTemplateMiner"/> (plain lines are first split into
/// timestamp, level and message by <see cref="LogLineSplitter"/>); error lines are counted per (service,
/// template) before and after the onset. With an onset: an error template first seen after it is a
/// <see cref="SignalTypes.LogNewErrorTemplate"/>; one whose rate after the onset is at least
/// <see cref="MinBurstRatio"/> times its rate before is a <see cref="SignalTypes.LogErrorBurst"/>. Without an
/// onset (no times, no detection time): each error template is a <see cref="SignalTypes.LogErrors"/>. Each
/// signal carries the template, its category (pool, oom, disk, timeout, connection, cpu, exception, error),
/// the exception type and any other known service the message names (the callee of a failing call).
/// </summary>
public static class LogSignalExtractor
{
    /// <summary>Rate ratio (after / before the onset) from which a known error template counts as a burst.</summary>
    public const double MinBurstRatio = 3.0;

    /// <summary>Most log signals reported (strongest first); the rest are summarised in the count.</summary>
    public const int MaxSignals = 40;

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
        var groups = new Dictionary<(string? Service, int Template), Group>();
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

            if (!LogCategories.IsError(level, message))
            {
                continue;
            }

            var key = (entry.Service, match.TemplateId);
            if (!groups.TryGetValue(key, out var group))
            {
                group = new Group(entry.Service, message);
                groups.Add(key, group);
            }

            var after = onset is null || timestamp is null || timestamp >= onset;
            if (after)
            {
                group.After++;
            }
            else
            {
                group.Before++;
            }

            group.Level ??= level;
            group.FirstSeen = timestamp is { } ts && (group.FirstSeen is null || ts < group.FirstSeen) ? ts : group.FirstSeen;
        }

        var beforeSpan = onset is { } o && first is { } f && o > f ? (o - f).TotalSeconds : 0;
        var afterSpan = onset is { } o2 && last is { } l && l > o2 ? (l - o2).TotalSeconds : 0;
        var candidates = new List<(double Strength, Group Group, string Type, double Value, string Template)>();
        foreach (var ((_, templateId), group) in groups)
        {
            var template = miner.GetTemplate(miner.ResolveId(templateId))?.Template ?? group.Example;
            if (onset is null)
            {
                candidates.Add((group.After, group, SignalTypes.LogErrors, group.After, template));
            }
            else if (group.After > 0 && group.Before == 0)
            {
                candidates.Add((group.After * 2.0, group, SignalTypes.LogNewErrorTemplate, group.After, template));
            }
            else if (group.After > 0 && beforeSpan > 0 && afterSpan > 0)
            {
                var ratio = (group.After / afterSpan) / (group.Before / beforeSpan);
                if (ratio >= MinBurstRatio)
                {
                    candidates.Add((group.After * Math.Min(ratio, 10) / 5, group, SignalTypes.LogErrorBurst, Math.Round(ratio, 2), template));
                }
            }
        }

        foreach (var (_, group, type, value, template) in candidates.OrderByDescending(c => c.Strength).ThenBy(c => c.Template, StringComparer.Ordinal).Take(MaxSignals))
        {
            var category = LogCategories.Category(group.Example);
            var exception = LogCategories.ExceptionType(group.Example);
            var target = LogCategories.MentionedService(group.Example, group.Service, services);
            var what = type switch
            {
                SignalTypes.LogNewErrorTemplate => $"new error template after onset ({group.After}x)",
                SignalTypes.LogErrorBurst => string.Create(CultureInfo.InvariantCulture, $"error burst x{value:0.#} against the baseline ({group.After}x after onset)"),
                _ => $"error lines ({group.After}x)",
            };
            var specific = category is not ("error" or "exception");
            builder.Add(
                type,
                $"{(group.Service is null ? "" : group.Service + ": ")}{what}: {Shorten(template)}",
                group.After >= 5 || specific ? Severity.High : Severity.Medium,
                "logs",
                value,
                group.Service,
                group.FirstSeen,
                new LogTemplateBurst(template, category, group.After, group.Before, exception, target));
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "...";

    private sealed class Group(string? service, string example)
    {
        public string? Service { get; } = service;

        public string Example { get; } = example;

        public string? Level { get; set; }

        public int Before { get; set; }

        public int After { get; set; }

        public DateTimeOffset? FirstSeen { get; set; }
    }
}
