namespace Alpha.Sre.Integrations.Http;

/// <summary>A response that says "rate limited": when the limit resets and which limit it was.</summary>
/// <param name="ResetsAt">When a retry may succeed.</param>
/// <param name="Description">Which limit, for messages (e.g. <c>primary rate limit (0 of 5000 left)</c>).</param>
internal readonly record struct RateLimit(DateTimeOffset ResetsAt, string Description);
