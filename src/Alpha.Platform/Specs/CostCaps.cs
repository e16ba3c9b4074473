namespace Alpha.Platform.Specs;

/// <summary>Spending limits. An agent spec may set <see cref="PerNodeMaxTokens"/>; a workflow spec both.</summary>
/// <param name="PerNodeMaxTokens">Most tokens (input + output) one node execution may use.</param>
/// <param name="PerRunMaxUsd">Most a whole run may cost, in US dollars (priced with the pricing table).</param>
public sealed record CostCaps(long? PerNodeMaxTokens = null, decimal? PerRunMaxUsd = null);
