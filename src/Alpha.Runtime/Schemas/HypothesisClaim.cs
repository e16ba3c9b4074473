using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// A hypothesis as an agent proposed it, before the judge has looked at it. It is deliberately
/// unvalidated: a model may return a confidence of 1.3 or cite a signal that does not exist, and the
/// judge must see such a claim to reject it with a recorded reason rather than lose it to an exception.
/// Claims the judge accepts become <see cref="Hypothesis"/> values.
/// </summary>
/// <param name="Label">Short name of the suspected cause.</param>
/// <param name="Description">What the agent thinks happened.</param>
/// <param name="Confidence">The agent's confidence; the judge requires it to lie in [0, 1].</param>
/// <param name="Severity">low, medium or high; anything else is rejected by the judge.</param>
/// <param name="SupportingSignals">Ids of the signals that support the claim; at least one, all existing.</param>
/// <param name="Service">The service suspected, when known.</param>
/// <param name="FaultType">The fault type from the vertical's taxonomy, when known.</param>
public sealed record HypothesisClaim(
    string Label,
    string Description,
    double Confidence,
    string Severity,
    IReadOnlyList<string> SupportingSignals,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Service = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FaultType = null)
{
    /// <summary>Builds a claim from typed values (the usual path for deterministic agents).</summary>
    public static HypothesisClaim Create(
        string label,
        string description,
        double confidence,
        Severity severity,
        IReadOnlyList<string> supportingSignals,
        string? service = null,
        string? faultType = null) =>
        new(label, description, confidence, SeverityNames.ToName(severity), supportingSignals, service, faultType);
}
