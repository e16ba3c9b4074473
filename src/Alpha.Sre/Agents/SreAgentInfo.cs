namespace Alpha.Sre.Agents;

/// <summary>What the catalogue knows of an SRE agent.</summary>
/// <param name="Kind">The agent spec's <c>agent_kind</c>.</param>
/// <param name="Description">What it does, as its agent spec says.</param>
public sealed record SreAgentInfo(string Kind, string Description);
