namespace Alpha.Platform.Pricing;

/// <summary>A model's list price in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Per million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">Per million output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>The cost of one call.</summary>
    public decimal Cost(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
}
