using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// A PetShop <c>target.json</c>: the alerted symptom (<c>target</c>: node, metric, statistic, Unix time),
/// which an on-call engineer knows, and the ground truth (<c>root_cause.node</c>), which only scoring may read.
/// </summary>
/// <param name="Node">The alerted node (e.g. <c>PetSite</c>).</param>
/// <param name="Metric">The alerted metric (<c>latency</c> or <c>availability</c>).</param>
/// <param name="Statistic">The alerted statistic (<c>agg</c>, e.g. <c>Average</c>).</param>
/// <param name="UnixSeconds">When the alert fired.</param>
/// <param name="RootCauseNode">The root-cause node, when the file labels one.</param>
public sealed record PetshopTarget(string Node, string Metric, string Statistic, double UnixSeconds, string? RootCauseNode)
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, not JSON, or lacks the target's fields.</exception>
    public static PetshopTarget Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, null, "$", "file not found");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, e.LineNumber + 1, "$", e.Message, e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("target", out var target) || target.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException(path, null, "$.target", "an object {node, metric, agg, timestamp} is required");
            }

            var node = Text(target, "node") ?? throw new InvalidInputException(path, null, "$.target.node", "a string is required");
            var metric = Text(target, "metric") ?? throw new InvalidInputException(path, null, "$.target.metric", "a string is required");
            var statistic = Text(target, "agg") ?? "Average";
            if (!target.TryGetProperty("timestamp", out var t) || t.ValueKind != JsonValueKind.Number)
            {
                throw new InvalidInputException(path, null, "$.target.timestamp", "a Unix time in seconds is required");
            }

            var rootCause = root.TryGetProperty("root_cause", out var rc) && rc.ValueKind == JsonValueKind.Object ? Text(rc, "node") : null;
            return new PetshopTarget(node, metric, statistic, t.GetDouble(), rootCause);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
