namespace Alpha.Mcp.Results;

/// <summary>One ranked hypothesis with the evidence it cites.</summary>
/// <param name="Rank">1 for the best.</param>
/// <param name="Label">Short name of the suspected cause.</param>
/// <param name="Description">The suspected cause in a sentence or two.</param>
/// <param name="Service">The suspected service, when named.</param>
/// <param name="FaultType">The suspected fault type, when named.</param>
/// <param name="Confidence">Highest raw confidence among the agreeing agents (0-1).</param>
/// <param name="Score">Confidence plus the agreement bonus: a ranking value, may exceed 1.</param>
/// <param name="Severity">Highest severity in the group.</param>
/// <param name="Agents">The agents that proposed it.</param>
/// <param name="Evidence">The signals it cites, in cited order.</param>
public sealed record HypothesisView(
    int Rank,
    string Label,
    string Description,
    string? Service,
    string? FaultType,
    double Confidence,
    double Score,
    string Severity,
    IReadOnlyList<string> Agents,
    IReadOnlyList<EvidenceView> Evidence);
