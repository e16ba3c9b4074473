using System.Globalization;
using System.Text;
using System.Text.Json;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Signals.Evidence;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Analysis;

/// <summary>
/// Writes the conclusion after ranking: the most likely cause, the evidence chain (changes first, then
/// symptoms by time), what was ruled out (lower-ranked causes, rejected claims, agents that did not finish)
/// and next steps. Deterministic template without a model; with one, the model writes the same four parts
/// from the same ranked evidence, falling back to the template if the call fails or the reply is unusable.
/// </summary>
public sealed class SynthesisAgent(IChatClient? chatClient = null)
{
    /// <summary>Writes the synthesis of <paramref name="result"/>.</summary>
    public async Task<Synthesis> SynthesizeAsync(ExecutionResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var template = Deterministic(result);
        if (chatClient is null || result.RankedHypotheses.Count == 0)
        {
            return template;
        }

        try
        {
            var reply = await ChatJson.GetJsonAsync(chatClient, Prompt(result), new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
            var root = reply.Value;
            var summary = root.TryGetProperty("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrWhiteSpace(summary))
            {
                return template with { Notes = ["the model's synthesis had no summary; used the deterministic template"] };
            }

            return new Synthesis("llm", summary, List(root, "evidence_chain", template.EvidenceChain), List(root, "ruled_out", template.RuledOut), List(root, "next_steps", template.NextSteps), []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return template with { Notes = [$"model call failed ({ex.GetType().Name}: {ex.Message}); used the deterministic template"] };
        }
    }

    /// <summary>The deterministic synthesis.</summary>
    public static Synthesis Deterministic(ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var ruledOut = new List<string>();
        foreach (var agent in result.Agents.Where(a => a.Status != AgentStatus.Completed))
        {
            ruledOut.Add($"The {agent.Name} agent {AgentStatusNames.ToName(agent.Status).Replace('_', ' ')} ({agent.Error}); its evidence was not weighed.");
        }

        foreach (var verdict in result.Verdicts.Where(v => !v.Accepted).Take(5))
        {
            ruledOut.Add($"Rejected \"{verdict.Label}\" from {verdict.Agent}: {verdict.Reason}.");
        }

        if (result.RankedHypotheses.Count == 0)
        {
            return new Synthesis("deterministic", "No hypothesis is supported by the evidence: the judge rejected every claim or the agents proposed none. Look at the signals directly.",
                [.. result.SignalsUsed.Take(5).Select(s => $"{s.Id}: {s.Description}")], ruledOut,
                ["Confirm: widen the incident window or add the missing telemetry (logs, metrics, recent changes).", "Mitigate: roll back the most recent change if user impact continues."], []);
        }

        var top = result.RankedHypotheses[0];
        var signals = result.SignalsUsed.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var cited = top.SupportingSignals.Select(id => signals.GetValueOrDefault(id)).OfType<Signal>()
            .OrderBy(s => s.Source is "commits" or "deployments" or "config" ? 0 : 1)
            .ThenBy(s => s.Timestamp ?? DateTimeOffset.MaxValue)
            .ToArray();
        var summary = new StringBuilder();
        summary.Append(CultureInfo.InvariantCulture, $"Most likely cause: {top.Label} (score {top.Score:0.00}, from {string.Join(", ", top.ContributingAgents)}). {top.Description}.");
        if (top.ContributingAgents.Count > 1)
        {
            summary.Append(CultureInfo.InvariantCulture, $" {top.ContributingAgents.Count} agents agree on it.");
        }

        // Change -> mechanism -> symptom: when the top cause joins changes and the evidence of what they broke, tell it as one chain.
        var changes = cited.Where(s => s.Source is "commits" or "deployments" or "config").ToArray();
        var symptoms = cited.Where(s => s.Source is not ("commits" or "deployments" or "config")).ToArray();
        if (changes.Length > 0 && symptoms.Length > 0 && top.FaultType is { } mechanism)
        {
            summary.Append(CultureInfo.InvariantCulture,
                $" Causal chain: {string.Join(" + ", changes.OrderByDescending(c => c.Source == "deployments").Select(c => c.Description))} -> {FaultTypes.Label(mechanism, top.Service)} -> {string.Join("; ", symptoms.Take(2).Select(s => s.Description))}.");
        }

        if (result.RequiresHumanReview)
        {
            summary.Append(CultureInfo.InvariantCulture, $" Needs human review: {string.Join("; ", result.ReviewReasons)}.");
        }

        ruledOut.InsertRange(0, result.RankedHypotheses.Skip(1).Select(other =>
            string.Create(CultureInfo.InvariantCulture, $"{other.Label} (score {other.Score:0.00}): less support than the top cause.")));

        var steps = NextSteps.For(top.FaultType, top.Service).ToList();
        foreach (var change in cited.Where(s => s.Source is "commits" or "deployments" or "config"))
        {
            steps.Add(change.Source switch
            {
                "commits" => $"If confirmed, revert commit {(change.Payload as CommitRisk)?.Sha}.",
                "deployments" => $"If confirmed, roll {change.Service} back to {FromVersion(change)}.",
                _ => $"If confirmed, revert config {(change.Payload as ConfigChange)?.Key}{((change.Payload as ConfigChange)?.Previous is { Length: > 0 } p ? $" to {p}" : "")}.",
            });
        }

        return new Synthesis("deterministic", summary.ToString(), [.. cited.Select(s => $"{s.Id} [{s.Source}] {s.Description}")], ruledOut, steps, []);
    }

    private static string? FromVersion(Signal change) => change.Payload switch
    {
        DeploymentChange d => d.FromVersion,
        DeploymentRegression r => r.FromVersion,
        _ => null,
    };

    private static List<ChatMessage> Prompt(ExecutionResult result)
    {
        var signals = result.SignalsUsed.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var sb = new StringBuilder("Ranked root-cause hypotheses (best first):\n");
        foreach (var h in result.RankedHypotheses)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- {h.Label} score={h.Score:0.00} agents={string.Join(",", h.ContributingAgents)}: {h.Description}\n");
            foreach (var id in h.SupportingSignals.Take(6))
            {
                if (signals.TryGetValue(id, out var s))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"    {id} [{s.Source}] {s.Description}\n");
                }
            }
        }

        return
        [
            new(ChatRole.System, """
                You write the conclusion of an incident root-cause analysis for an on-call engineer. Use only the evidence given.
                Reply with one JSON object: {"summary": "...", "evidence_chain": ["..."], "ruled_out": ["..."], "next_steps": ["confirm: ...", "mitigate: ..."]}
                """),
            new(ChatRole.User, sb.ToString()),
        ];
    }

    private static IReadOnlyList<string> List(JsonElement root, string name, IReadOnlyList<string> fallback) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : fallback;
}
