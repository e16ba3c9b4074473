using Alpha.Runtime;
using Alpha.Sre.Agents;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Analysis;

/// <summary>
/// What an <see cref="SreAnalyzer"/> runs. Hosts build it from an analysis spec (Alpha.Hosting's composer); the
/// defaults (every specialist, synthesis, no model, the runtime's thresholds) are the shipped analysis run offline.
/// </summary>
public sealed record SreAnalyzerOptions
{
    /// <summary>Runtime options (timeouts, top-k, review thresholds).</summary>
    public AlphaRuntimeOptions Runtime { get; init; } = new();

    /// <summary>The specialists to run in parallel, by name (see <see cref="SreAgents.Specialists"/>).</summary>
    public IReadOnlyList<string> Agents { get; init; } = SreAgents.Specialists;

    /// <summary>Whether the synthesis agent runs after ranking; without it the report carries the rule-based synthesis.</summary>
    public bool Synthesis { get; init; } = true;

    /// <summary>The model client of each agent that has one, by agent name (synthesis included); the others reason deterministically.</summary>
    public IReadOnlyDictionary<string, IChatClient> ChatClients { get; init; } = new Dictionary<string, IChatClient>();
}
