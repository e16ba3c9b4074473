using System.Globalization;
using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// Reads Nezha's per-minute telemetry files. Traces (<c>HH_mm_trace.csv</c>): TraceID, SpanID, ParentID
/// (<c>root</c> for none), PodName, OperationName, StartTimeUnixNano, EndTimeUnixNano, Duration. Logs
/// (<c>HH_mm_log.csv</c>): TimeUnixNano, PodName and Log, a container-runtime JSON record whose <c>log</c> field
/// holds the application line (<c>HH:mm:ss.fff LEVEL logger message</c>). Pods become services through
/// <see cref="NezhaPodNames"/>.
/// </summary>
public static class NezhaTelemetry
{
    private static readonly string[] Levels = ["TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL"];

    /// <summary>The per-minute files of one kind (<c>trace</c>, <c>log</c>) in <paramref name="folder"/>, by the minute their name gives.</summary>
    public static IReadOnlyList<(int MinuteOfDay, string Path)> MinuteFiles(string folder, string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var suffix = $"_{kind}.csv";
        var files = new List<(int, string)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*" + suffix))
        {
            var name = Path.GetFileName(path)[..^suffix.Length].Split('_');
            if (name.Length == 2 && int.TryParse(name[0], CultureInfo.InvariantCulture, out var h) && int.TryParse(name[1], CultureInfo.InvariantCulture, out var m))
            {
                files.Add(((h * 60) + m, path));
            }
        }

        return [.. files.OrderBy(f => f.Item1)];
    }

    /// <summary>Reads the spans of a trace file; malformed CSV rows are skipped and recorded in <paramref name="skipped"/>.</summary>
    /// <exception cref="InvalidInputException">A required column is missing or a row lacks its start time.</exception>
    public static IEnumerable<TraceSpan> ReadSpans(string path, CsvSkipLog? skipped = null)
    {
        foreach (var (row, line) in Rows(path, ["TraceID", "SpanID", "ParentID", "PodName", "StartTimeUnixNano"], skipped, out var columns))
        {
            var start = Nanos(Cell(row, columns["StartTimeUnixNano"]));
            if (start is null)
            {
                throw new InvalidInputException(path, line, "StartTimeUnixNano", "must be a Unix time in nanoseconds");
            }

            var end = columns.TryGetValue("EndTimeUnixNano", out var e) ? Nanos(Cell(row, e)) : null;
            double durationMs;
            if (end is { } endTime)
            {
                durationMs = (endTime - start.Value).TotalMilliseconds;
            }
            else if (columns.TryGetValue("Duration", out var d) && double.TryParse(Cell(row, d), NumberStyles.Float, CultureInfo.InvariantCulture, out var micros))
            {
                durationMs = micros / 1000;
            }
            else
            {
                throw new InvalidInputException(path, line, "EndTimeUnixNano", "an end time or a Duration (microseconds) is required");
            }

            var parent = Cell(row, columns["ParentID"]);
            yield return new TraceSpan(
                Cell(row, columns["TraceID"]),
                Cell(row, columns["SpanID"]),
                parent.Length == 0 || string.Equals(parent, "root", StringComparison.OrdinalIgnoreCase) ? null : parent,
                NezhaPodNames.ServiceOf(Cell(row, columns["PodName"])),
                columns.TryGetValue("OperationName", out var op) ? Cell(row, op) : null,
                start,
                Math.Max(0, durationMs),
                false);
        }
    }

    /// <summary>
    /// Reads the log lines of a log file, with their level split off the application line when it has one;
    /// malformed CSV rows are skipped and recorded in <paramref name="skipped"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">A required column is missing or a row lacks its time.</exception>
    public static IEnumerable<LogEntry> ReadLogs(string path, CsvSkipLog? skipped = null)
    {
        foreach (var (row, line) in Rows(path, ["TimeUnixNano", "PodName", "Log"], skipped, out var columns))
        {
            var time = Nanos(Cell(row, columns["TimeUnixNano"]))
                ?? throw new InvalidInputException(path, line, "TimeUnixNano", "must be a Unix time in nanoseconds");
            var (level, message) = SplitLine(Unwrap(Cell(row, columns["Log"])));
            var trace = columns.TryGetValue("TraceID", out var traceColumn) && Cell(row, traceColumn) is { Length: > 0 } id ? id : null;
            yield return new LogEntry(time, NezhaPodNames.ServiceOf(Cell(row, columns["PodName"])), level, message, trace);
        }
    }

    /// <summary>The application line inside a container-runtime JSON record (<c>{"log": ...}</c>), else the text itself.</summary>
    public static string Unwrap(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(trimmed);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("log", out var log) && log.ValueKind == JsonValueKind.String)
                {
                    return log.GetString()!.TrimEnd();
                }
            }
            catch (JsonException)
            {
                // Not a runtime record after all: keep the text as written.
            }
        }

        return trimmed;
    }

    /// <summary>Splits <c>[time-of-day] LEVEL rest</c> into the level and the rest; (null, line) when there is no level word.</summary>
    public static (string? Level, string Message) SplitLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var rest = line.TrimStart();
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && char.IsAsciiDigit(rest[0]) && rest[..space].Contains(':', StringComparison.Ordinal))
        {
            rest = rest[(space + 1)..].TrimStart();
        }

        space = rest.IndexOf(' ', StringComparison.Ordinal);
        var word = space > 0 ? rest[..space] : rest;
        return Levels.Contains(word, StringComparer.Ordinal) ? (word, rest[word.Length..].Trim()) : (null, line.Trim());
    }

    private static IEnumerable<(string[] Row, long Line)> Rows(string path, string[] required, CsvSkipLog? skipped, out Dictionary<string, int> columns)
    {
        var csv = CsvFileReader.Open(path, skipped ?? new CsvSkipLog());
        try
        {
            if (!csv.Read())
            {
                throw new InvalidInputException(path, 1, "$", "the file is empty; expected a header row");
            }

            columns = csv.Texts().Select((name, i) => (name.Trim(), i)).GroupBy(c => c.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
            foreach (var name in required)
            {
                if (!columns.ContainsKey(name))
                {
                    throw new InvalidInputException(path, 1, name, "this column is required");
                }
            }
        }
        catch
        {
            csv.Dispose();
            throw;
        }

        return Read(csv);
    }

    private static IEnumerable<(string[] Row, long Line)> Read(CsvFileReader csv)
    {
        using (csv)
        {
            while (csv.Read())
            {
                yield return (csv.Texts(), csv.Line);
            }
        }
    }

    private static string Cell(string[] row, int index) => index < row.Length ? row[index].Trim() : "";

    private static DateTimeOffset? Nanos(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ns) ? DateTimeOffset.UnixEpoch.AddTicks(ns / 100) : null;
}
