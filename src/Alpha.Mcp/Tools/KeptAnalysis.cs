using System.Text.Json.Nodes;
using Alpha.Mcp.Results;

namespace Alpha.Mcp.Tools;

/// <summary>
/// The parts of an analysis result (an <c>ExecutionResult</c> as the dispatcher keeps it, snake_case JSON) the tools
/// answer with, read field by field: the tools need no round trip through every type of the result.
/// </summary>
internal sealed record KeptAnalysis(IReadOnlyList<HypothesisView> Ranked, int Signals, bool RequiresHumanReview, IReadOnlyList<string> ReviewReasons, double DurationMs)
{
    /// <summary>Reads <c>result</c> of what a dispatcher kept; null when there is none or it is not an analysis result.</summary>
    public static KeptAnalysis? From(JsonObject? kept)
    {
        if (kept?["result"] is not JsonObject result || result["ranked_hypotheses"] is not JsonArray ranked)
        {
            return null;
        }

        var signals = (result["signals_used"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(s => new EvidenceView(
                Text(s["id"]) ?? "?",
                Text(s["type"]) ?? "?",
                Text(s["description"]) ?? string.Empty,
                Text(s["source"]) ?? "?",
                Text(s["severity"]) ?? "?",
                Text(s["service"]),
                s["value"] is JsonValue v && v.TryGetValue<double>(out var value) ? value : null,
                s["timestamp"] is JsonValue t && t.TryGetValue<DateTimeOffset>(out var at) ? at : null))
            .GroupBy(e => e.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var hypotheses = ranked.OfType<JsonObject>().Select((h, i) => new HypothesisView(
            i + 1,
            Text(h["label"]) ?? "?",
            Text(h["description"]) ?? string.Empty,
            Text(h["service"]),
            Text(h["fault_type"]),
            Math.Round(Number(h["confidence"]), 4),
            Math.Round(Number(h["score"]), 4),
            Text(h["severity"]) ?? "?",
            Texts(h["contributing_agents"]),
            [.. Texts(h["supporting_signals"]).Where(signals.ContainsKey).Select(id => signals[id])])).ToArray();
        return new KeptAnalysis(
            hypotheses,
            signals.Count,
            result["requires_human_review"] is JsonValue r && r.TryGetValue<bool>(out var review) && review,
            Texts(result["review_reasons"]),
            Math.Round(Number(result["duration_ms"]), 1));
    }

    /// <summary>The best <paramref name="top"/>, with or without their evidence.</summary>
    public IReadOnlyList<HypothesisView> Top(int top, bool withEvidence) =>
        [.. Ranked.Take(top).Select(h => withEvidence ? h : h with { Evidence = [] })];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var number) ? number : 0;

    private static IReadOnlyList<string> Texts(JsonNode? node) => node is JsonArray array ? [.. array.Select(Text).OfType<string>()] : [];
}
