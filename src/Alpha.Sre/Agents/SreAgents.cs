using Alpha.Runtime.Agents;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// The SRE vertical's agents by name: the four specialists an analysis spec may list, and the synthesis agent.
/// The one catalogue that turns an agent spec's name into an implementation (and gives its kind and description).
/// </summary>
public static class SreAgents
{
    /// <summary>The synthesis agent's name.</summary>
    public const string Synthesis = "synthesis";

    private static readonly Dictionary<string, SreAgentInfo> Known = new(StringComparer.Ordinal)
    {
        ["logs"] = new("log", "Mines log templates and error bursts into signals and proposes the faults they point to."),
        ["metrics"] = new("metrics", "Finds change points and saturation in metric series and proposes the faults they point to."),
        ["commits"] = new("commit", "Ranks recent commits and deployments by risk and timing against the incident."),
        ["config"] = new("config", "Checks configuration values and recent config changes against the symptoms."),
        [Synthesis] = new("synthesis", "Writes the conclusion and next steps from the ranked hypotheses."),
    };

    /// <summary>The specialists, in the order the shipped analysis runs them.</summary>
    public static IReadOnlyList<string> Specialists { get; } = ["logs", "metrics", "commits", "config"];

    /// <summary>The kind and description of agent <paramref name="name"/>, or null when the vertical has no such agent.</summary>
    public static SreAgentInfo? Describe(string name) => Known.GetValueOrDefault(name);

    /// <summary>A new specialist <paramref name="name"/> reasoning with <paramref name="chatClient"/> (deterministic when null).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="Specialists"/>.</exception>
    public static BaseAgent Create(string name, IChatClient? chatClient) => name switch
    {
        "logs" => new LogAgent(chatClient),
        "metrics" => new MetricsAgent(chatClient),
        "commits" => new CommitAgent(chatClient),
        "config" => new ConfigAgent(chatClient),
        _ => throw new ArgumentException($"'{name}' is not an SRE specialist; use one of {string.Join(", ", Specialists)}.", nameof(name)),
    };
}
