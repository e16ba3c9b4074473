namespace Alpha.Runtime.Schemas;

/// <summary>
/// One entry of the ranked answer: a group of agreeing hypotheses. <see cref="Confidence"/> is the
/// highest raw confidence in the group; <see cref="Score"/> adds the agreement bonus
/// (see <see cref="Aggregation.AggregatorOptions"/>), so it is a ranking value and may exceed 1.
/// </summary>
/// <param name="Label">Label of the highest-confidence member.</param>
/// <param name="Description">Description of the highest-confidence member.</param>
/// <param name="Service">Service of the highest-confidence member that names one.</param>
/// <param name="FaultType">Fault type of the highest-confidence member that names one.</param>
/// <param name="Confidence">Highest raw confidence in the group.</param>
/// <param name="Score">Confidence plus the bonus for each additional distinct agent.</param>
/// <param name="Severity">Highest severity in the group.</param>
/// <param name="SupportingSignals">Union of the members' signal ids, in first-cited order.</param>
/// <param name="ContributingAgents">Distinct agents in the group, ordinal order.</param>
/// <param name="MergedLabels">Every distinct label that was merged into this group.</param>
public sealed record RankedHypothesis(
    string Label,
    string Description,
    string? Service,
    string? FaultType,
    double Confidence,
    double Score,
    Severity Severity,
    IReadOnlyList<string> SupportingSignals,
    IReadOnlyList<string> ContributingAgents,
    IReadOnlyList<string> MergedLabels);
