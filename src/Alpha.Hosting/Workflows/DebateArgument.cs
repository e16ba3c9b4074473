using System.Text.Json;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// One specialist's turn in the incident debate, in the wire form every participant (model or rules) answers with:
/// <c>{"hypotheses": [claims it stands behind], "challenges": [{agent, label, reason}]}</c>. The claims go to the
/// SRE judge unchanged; an answer that is not such an object yields no claims (and says so).
/// </summary>
/// <param name="Claims">The hypotheses the specialist stands behind this turn (unjudged).</param>
/// <param name="Challenges">The other specialists' hypotheses it disputes.</param>
/// <param name="Readable">False when the answer was not a JSON object.</param>
public sealed record DebateArgument(IReadOnlyList<HypothesisClaim> Claims, IReadOnlyList<DebateChallenge> Challenges, bool Readable)
{
    /// <summary>Reads a turn's answer.</summary>
    public static DebateArgument Parse(string text)
    {
        if (!ChatJson.TryExtractJsonObject(text, out var root))
        {
            return new DebateArgument([], [], false);
        }

        var challenges = new List<DebateChallenge>();
        if (root.TryGetProperty("challenges", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
            {
                challenges.Add(new DebateChallenge(Text(item, "agent"), Text(item, "label"), Text(item, "reason")));
            }
        }

        return new DebateArgument(LlmClaims.Read(root), challenges, true);
    }

    /// <summary>The wire form of this argument.</summary>
    public string ToJson() => JsonSerializer.Serialize(new { hypotheses = Claims, challenges = Challenges }, AlphaJson.Options);

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
}
