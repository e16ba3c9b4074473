using System.Globalization;
using System.Text.Json;
using Alpha.Runtime.Extraction;
using Alpha.Runtime.Schemas;

namespace Alpha.Cli.Stubs;

/// <summary>
/// STUB, replaced by Alpha.Sre's extractor: one signal per error-looking log line, per metric, per commit
/// and per config key, with no analysis at all. It exists so that `alpha analyze` runs the runtime end
/// to end before the SRE vertical lands.
/// </summary>
internal sealed class StubSignalExtractor : ISignalExtractor
{
    private static readonly string[] ErrorWords = ["error", "exception", "fatal", "timeout", "timed out", "refused", "exhausted", "oom", "panic"];

    public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken)
    {
        var signals = new List<Signal>();
        string NextId() => string.Create(CultureInfo.InvariantCulture, $"sig_{signals.Count + 1:000}");

        foreach (var log in incident.Logs)
        {
            var line = log.ValueKind == JsonValueKind.String ? log.GetString()! : log.TryGetProperty("message", out var m) ? m.ToString() : log.ToString();
            if (ErrorWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                signals.Add(new Signal(NextId(), "log_error", line, Severity.High, "logs"));
            }
        }

        foreach (var (name, value) in incident.Metrics)
        {
            double? number = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
            signals.Add(new Signal(NextId(), "metric", $"{name} = {value}", Severity.Medium, "metrics", number));
        }

        foreach (var commit in incident.RecentCommits)
        {
            var message = commit.TryGetProperty("message", out var m) ? m.ToString() : commit.ToString();
            signals.Add(new Signal(NextId(), "commit", message, Severity.Medium, "commits"));
        }

        foreach (var property in incident.ConfigSnapshot.EnumerateObject())
        {
            signals.Add(new Signal(NextId(), "config_key", $"{property.Name} = {property.Value}", Severity.Low, "config"));
        }

        return ValueTask.FromResult<IReadOnlyList<Signal>>(signals);
    }
}
