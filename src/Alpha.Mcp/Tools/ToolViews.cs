using System.Text;
using System.Text.Json.Nodes;
using Alpha.Mcp.Results;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;

namespace Alpha.Mcp.Tools;

/// <summary>Ledger records and analysis results as tool answers: never a run's inputs, every free text redacted.</summary>
internal static class ToolViews
{
    public static RunView Run(WorkflowRun r) => new(
        r.RunId,
        SpecKindNames.ToName(r.SpecKind),
        LedgerNames.ToName(r.Status),
        r.SpecVersionId,
        r.ExperimentId,
        r.ParentRunId,
        r.TaskId,
        r.StartedAt,
        r.FinishedAt,
        r.TotalTokens,
        r.TotalCostUsd,
        Redact(r.Error),
        r.InputsChars);

    public static NodeView Node(AgentRunRecord a) =>
        new(a.Node, a.Agent, LedgerNames.ToName(a.Status), a.InputTokens, a.OutputTokens, a.CostUsd ?? 0m, Redact(a.Error));

    public static SpecRefView Spec(SpecVersion v) => new(SpecKindNames.ToName(v.Kind), v.Name, v.Version, v.VersionId, v.SpecHash);

    /// <summary>A workflow's node outputs, each text redacted (a model may have repeated a secret it was shown).</summary>
    public static JsonObject? Outputs(JsonObject? kept)
    {
        if (kept?["outputs"] is not JsonObject outputs)
        {
            return null;
        }

        var redacted = new JsonObject();
        foreach (var (node, value) in outputs)
        {
            redacted[node] = value is JsonValue v && v.TryGetValue<string>(out var text) ? SecretRedactor.Default.Redact(text) : SecretRedactor.Default.Redact(value?.ToJsonString() ?? "null");
        }

        return redacted;
    }

    public static string RunLine(RunView r)
    {
        var text = new StringBuilder($"{r.RunId} {r.Kind} {r.Status}");
        if (r.StartedAt is { } started)
        {
            text.Append($" started {started:u}");
        }

        if (r.StartedAt is { } s && r.FinishedAt is { } f)
        {
            text.Append($" in {(f - s).TotalSeconds:0.0} s");
        }

        text.Append($", {r.TotalTokens} tokens, ${r.TotalCostUsd:0.####}, experiment {r.ExperimentId}");
        if (r.Error is { } error)
        {
            text.Append($": {error}");
        }

        return text.ToString();
    }

    public static string HypothesesText(IReadOnlyList<HypothesisView> hypotheses)
    {
        var text = new StringBuilder();
        foreach (var h in hypotheses)
        {
            var where = string.Join(", ", new[] { h.Service, h.FaultType }.Where(x => x is not null));
            text.AppendLine($"{h.Rank}. {h.Label}{(where.Length > 0 ? $" [{where}]" : string.Empty)}: score {h.Score:0.###}, confidence {h.Confidence:0.###}, {h.Severity}, from {string.Join(", ", h.Agents)}");
            text.AppendLine($"   {h.Description}");
            foreach (var e in h.Evidence)
            {
                text.AppendLine($"   - {e.Id} ({e.Source}, {e.Type}{(e.Service is null ? string.Empty : ", " + e.Service)}): {e.Description}");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string? Redact(string? text) => text is null ? null : SecretRedactor.Default.Redact(text);
}
