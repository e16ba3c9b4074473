namespace Alpha.Platform.Specs;

/// <summary>The ranking and timing thresholds of an analysis.</summary>
/// <param name="AgreementBonus">Score added per additional agent agreeing with a hypothesis group.</param>
/// <param name="AgentTimeoutSeconds">Timeout of an agent whose own spec sets none.</param>
public sealed record AnalysisThresholds(double AgreementBonus, double AgentTimeoutSeconds);
