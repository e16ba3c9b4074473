namespace Alpha.Sre.Signals.Evidence;

/// <summary>A config key changed (or, with a plain snapshot, a risky key is present). Credential values are never kept.</summary>
/// <param name="Key">The dotted key.</param>
/// <param name="Change">Changed, added, removed, or snapshot.</param>
/// <param name="Previous">The value before (never for credentials).</param>
/// <param name="Current">The value now (never for credentials).</param>
/// <param name="Risk">The kind of risky key (pool size, timeout, limit, credentials...), when it is one.</param>
/// <param name="RiskFault">The fault mechanism that risk can cause, when it is one.</param>
public sealed record ConfigChange(string Key, ConfigChangeKind Change, string? Previous = null, string? Current = null, string? Risk = null, string? RiskFault = null) : SreEvidence;
