using System.Globalization;
using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Evidence;

namespace Alpha.Sre.Signals.Config;

/// <summary>
/// Config signals: with <c>{previous, current}</c>, one signal per changed, added or removed key (flattened
/// to dotted paths), risky keys flagged; with a plain snapshot, a low-severity signal per risky key (there
/// is nothing to compare, but an agent may still cite what the snapshot says).
/// </summary>
public static class ConfigSignalExtractor
{
    private static readonly (string Word, string Risk, string Fault)[] RiskyWords =
    [
        ("pool", "pool size", FaultTypes.ConnectionPool),
        ("max_connections", "pool size", FaultTypes.ConnectionPool),
        ("maxconnections", "pool size", FaultTypes.ConnectionPool),
        ("timeout", "timeout", FaultTypes.NetworkDelay),
        ("deadline", "timeout", FaultTypes.NetworkDelay),
        ("retry", "retries", FaultTypes.DependencyFailure),
        ("retries", "retries", FaultTypes.DependencyFailure),
        ("replica", "replicas", FaultTypes.Cpu),
        ("limit", "limit", FaultTypes.Memory),
        ("memory", "limit", FaultTypes.Memory),
        ("heap", "limit", FaultTypes.Memory),
        ("cpu", "limit", FaultTypes.Cpu),
        ("thread", "limit", FaultTypes.Cpu),
        ("worker", "limit", FaultTypes.Cpu),
        ("cache", "cache", FaultTypes.Memory),
        ("flag", "feature flag", FaultTypes.CodeException),
        ("feature", "feature flag", FaultTypes.CodeException),
        ("enable", "feature flag", FaultTypes.CodeException),
        ("log_level", "log level", FaultTypes.Disk),
        ("loglevel", "log level", FaultTypes.Disk),
        ("logging", "log level", FaultTypes.Disk),
        ("retention", "retention", FaultTypes.Disk),
        ("url", "endpoint", FaultTypes.DependencyFailure),
        ("endpoint", "endpoint", FaultTypes.DependencyFailure),
        ("host", "endpoint", FaultTypes.DependencyFailure),
        ("port", "endpoint", FaultTypes.DependencyFailure),
        ("address", "endpoint", FaultTypes.DependencyFailure),
        ("password", "credentials", FaultTypes.DependencyFailure),
        ("secret", "credentials", FaultTypes.DependencyFailure),
        ("token", "credentials", FaultTypes.DependencyFailure),
        ("credential", "credentials", FaultTypes.DependencyFailure),
        ("api_key", "credentials", FaultTypes.DependencyFailure),
        ("max", "limit", FaultTypes.Memory),
        ("size", "limit", FaultTypes.Memory),
    ];

    /// <summary>Adds config signals.</summary>
    public static void Extract(SreIncident incident, SignalBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(builder);
        var current = Flatten(incident.ConfigCurrent);
        var services = incident.Services;
        if (incident.ConfigPrevious is not { } previousElement)
        {
            foreach (var (key, value) in current)
            {
                if (IsCredential(key))
                {
                    // A credential's value never goes into a signal, a frame, the ledger or a prompt.
                    builder.Add(SignalTypes.ConfigChange, $"config {key} is set (credentials; value withheld)", Severity.Low, "config",
                        null, ServiceOf(key, services), null, Payload(key, null, null, Credentials, ConfigChangeKind.Snapshot));
                }
                else if (Risk(key) is { } risk)
                {
                    builder.Add(SignalTypes.ConfigChange, $"config {key} = {value} ({risk.Risk}; no previous value to compare)", Severity.Low, "config",
                        Numeric(value), ServiceOf(key, services), null, Payload(key, null, value, risk, ConfigChangeKind.Snapshot));
                }
            }

            return;
        }

        var previous = Flatten(previousElement);
        foreach (var key in previous.Keys.Union(current.Keys).Order(StringComparer.Ordinal))
        {
            previous.TryGetValue(key, out var before);
            current.TryGetValue(key, out var after);
            if (before == after)
            {
                continue;
            }

            var risk = Risk(key);
            var change = before is null ? ConfigChangeKind.Added : after is null ? ConfigChangeKind.Removed : ConfigChangeKind.Changed;
            var changeText = JsonEnumNames.ToName(change); // added, removed or changed, as in the payload's JSON
            var ratio = Numeric(before) is { } b && Numeric(after) is { } a && b != 0 ? a / b : (double?)null;
            var ratioText = ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $", x{r:0.##}") : "";
            var severity = risk is null ? Severity.Low : ratio is { } rr && (rr <= 0.5 || rr >= 2) ? Severity.High : Severity.Medium;
            if (IsCredential(key))
            {
                // Never echo secret values (even redacted) into signals, frames, the ledger or prompts.
                builder.Add(SignalTypes.ConfigChange, $"config {key} {changeText} (credentials changed; values withheld)", Severity.Medium, "config", null, ServiceOf(key, services), null,
                    Payload(key, null, null, Credentials, change));
                continue;
            }

            builder.Add(
                SignalTypes.ConfigChange,
                $"config {key} {changeText}: {before ?? "(none)"} -> {after ?? "(none)"}{ratioText}{(risk is null ? "" : $" ({risk.Value.Risk})")}",
                severity,
                "config",
                ratio,
                ServiceOf(key, services),
                null,
                Payload(key, before, after, risk, change));
        }
    }

    private static ConfigChange Payload(string key, string? before, string? after, (string Risk, string Fault)? risk, ConfigChangeKind change) =>
        new(key, change, before, after, risk?.Risk, risk?.Fault);

    private static readonly (string Risk, string Fault) Credentials = ("credentials", FaultTypes.DependencyFailure);

    // A key is a credential when the redactor says so for any of its dotted segments or for the whole key.
    private static bool IsCredential(string key) =>
        Risk(key) is { Risk: "credentials" } || SecretRedactor.IsSecretKey(key) || key.Split('.').Any(SecretRedactor.IsSecretKey);

    private static (string Risk, string Fault)? Risk(string key)
    {
        var lower = key.ToLowerInvariant();
        foreach (var (word, risk, fault) in RiskyWords)
        {
            if (lower.Contains(word, StringComparison.Ordinal))
            {
                return (risk, fault);
            }
        }

        return null;
    }

    private static string? ServiceOf(string key, IReadOnlyList<string> services)
    {
        var segments = key.Split('.');
        return services.FirstOrDefault(s => segments.Any(seg => seg.Equals(s, StringComparison.OrdinalIgnoreCase)));
    }

    private static double? Numeric(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>Flattens an object to dotted keys with scalar values (arrays kept as their JSON text).</summary>
    public static Dictionary<string, string> Flatten(JsonElement element)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            Walk(element, "", result);
        }

        return result;
    }

    private static void Walk(JsonElement element, string prefix, Dictionary<string, string> result)
    {
        foreach (var p in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}";
            switch (p.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Walk(p.Value, key, result);
                    break;
                case JsonValueKind.String:
                    result[key] = p.Value.GetString()!;
                    break;
                default:
                    result[key] = p.Value.GetRawText();
                    break;
            }
        }
    }
}
