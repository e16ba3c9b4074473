using System.Globalization;
using System.Text.Json;

namespace Alpha.Sre.LogMining;

/// <summary>
/// A structured (JSON) log line: one object per line, as logrus, zap, pino, bunyan, structlog, Serilog's compact format,
/// ECS and most container platforms write them. The message, level, time and logger are read from the field names
/// those libraries use; every other field (request ids, durations) stays out of the message, so the template miner
/// sees the statement, not the record.
/// </summary>
public static class JsonLogLine
{
    private static readonly string[] MessageFields = ["message", "msg", "@m", "@mt", "log", "text", "event"];
    private static readonly string[] LevelFields = ["level", "severity", "lvl", "loglevel", "log.level", "levelname", "@l"];
    private static readonly string[] TimeFields = ["timestamp", "@timestamp", "time", "ts", "@t", "datetime"];
    private static readonly string[] LoggerFields = ["logger", "logger_name", "log.logger", "caller", "component"];

    /// <summary>The parts of <paramref name="line"/> when it is a JSON object with a message field; null otherwise.</summary>
    public static LogLineParts? TryParse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.AsSpan().Trim();
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text.ToString(), new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (First(root, MessageFields) is not { ValueKind: JsonValueKind.String } message)
            {
                return null;
            }

            var level = First(root, LevelFields) switch
            {
                { ValueKind: JsonValueKind.String } l => l.GetString(),
                { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var number) => NumericLevel(number),
                _ => null,
            };
            var logger = First(root, LoggerFields) is { ValueKind: JsonValueKind.String } c ? c.GetString() : null;
            return new LogLineParts(message.GetString()!.Trim(), Time(First(root, TimeFields)), string.IsNullOrWhiteSpace(level) ? null : level.Trim().ToUpperInvariant(), logger);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // pino and bunyan write levels as numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
    private static string? NumericLevel(int level) => level switch
    {
        10 => "TRACE",
        20 => "DEBUG",
        30 => "INFO",
        40 => "WARN",
        50 => "ERROR",
        60 => "FATAL",
        _ => null,
    };

    private static JsonElement? First(JsonElement root, string[] names)
    {
        foreach (var name in names)
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return value;
            }
        }

        return null;
    }

    // ISO 8601 text, or Unix time in seconds (fractions allowed), milliseconds or nanoseconds by magnitude.
    private static DateTimeOffset? Time(JsonElement? value)
    {
        switch (value)
        {
            case { ValueKind: JsonValueKind.String } s when DateTimeOffset.TryParse(s.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                return parsed;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out var number) && number > 0:
                var seconds = number > 1e17 ? number / 1e9 : number > 1e11 ? number / 1e3 : number;
                return seconds < 253402300799 ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)) : null;
            default:
                return null;
        }
    }
}
