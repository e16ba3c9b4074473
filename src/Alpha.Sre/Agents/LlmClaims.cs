using System.Globalization;
using System.Text;
using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Agents;

/// <summary>
/// The LLM side of an SRE agent: the prompt (signals plus a bounded sample of raw evidence) and the lenient
/// reading of the model's JSON into claims. Reading never throws for a bad item: a missing or mistyped field
/// becomes a value the judge rejects (an empty label, a NaN confidence, no citations), so malformed output
/// is rejected with a reason instead of crashing the agent.
/// </summary>
public static class LlmClaims
{
    /// <summary>Most signals put in one prompt.</summary>
    public const int MaxSignals = 60;

    /// <summary>The system prompt for an agent whose speciality is <paramref name="speciality"/>.</summary>
    public static string SystemPrompt(string agentName, string speciality) => $$"""
        You are "{{agentName}}", an SRE specialist in {{speciality}} doing incident root-cause analysis.
        You receive signals extracted from the incident (each with an id) and a sample of raw evidence.
        Propose at most 5 root-cause hypotheses. Reply with one JSON object and nothing else:
        {"hypotheses": [{"label": "<fault> in <service>", "description": "...", "confidence": 0.0-1.0,
          "severity": "low|medium|high", "supporting_signals": ["sig_001"], "service": "<service or null>",
          "fault_type": "cpu|memory|disk|network-delay|packet-loss|connection-pool|dependency-failure|code-exception|config-change|bad-deploy"}]}
        Cite only signal ids from the list. A hypothesis without valid citations is rejected.
        """;

    /// <summary>The user prompt: the incident id, the signals (bounded) and the raw evidence sample.</summary>
    public static string UserPrompt(string deploymentId, IEnumerable<Signal> signals, string evidence)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Incident: {deploymentId}\nSignals:\n");
        foreach (var s in signals.Take(MaxSignals))
        {
            sb.Append(CultureInfo.InvariantCulture, $"- {s.Id} [{SeverityNames.ToName(s.Severity)}] {s.Type}{(s.Service is null ? "" : $" service={s.Service}")}: {s.Description}\n");
        }

        if (evidence.Length > 0)
        {
            sb.Append("Raw evidence sample:\n").Append(evidence);
        }

        return sb.ToString();
    }

    /// <summary>Reads the model's <c>{"hypotheses": [...]}</c> (or a bare array) into claims.</summary>
    public static IReadOnlyList<HypothesisClaim> Read(JsonElement root)
    {
        var items = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("hypotheses", out var h) && h.ValueKind == JsonValueKind.Array ? h
            : default;
        if (items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var claims = new List<HypothesisClaim>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                claims.Add(new HypothesisClaim("", "", double.NaN, "", []));
                continue;
            }

            claims.Add(new HypothesisClaim(
                Text(item, "label") ?? "",
                Text(item, "description") ?? "",
                item.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : double.NaN,
                Text(item, "severity") ?? "",
                item.TryGetProperty("supporting_signals", out var s) && s.ValueKind == JsonValueKind.Array
                    ? [.. s.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())]
                    : [],
                Text(item, "service"),
                Text(item, "fault_type")));
        }

        return claims;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s && s != "null" ? s : null;

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters.</summary>
    public static string Bound(string text, int max) => text.Length <= max ? text : text[..max] + "\n[truncated]";
}
