namespace Alpha.Workflows.Llm;

/// <summary>One model call as the ledger keeps it (an <c>agent_run_steps</c> row of kind <c>model</c>).</summary>
/// <param name="Model">The model id asked for.</param>
/// <param name="Hash">The request's <see cref="RequestHash"/>.</param>
/// <param name="Request">The request as text.</param>
/// <param name="Response">The full response text; null when the call failed.</param>
/// <param name="InputTokens">Input tokens reported by the server.</param>
/// <param name="OutputTokens">Output tokens reported by the server.</param>
/// <param name="LatencyMs">Wall time.</param>
/// <param name="Error">Why it failed.</param>
public sealed record RecordedCall(string Model, string Hash, string Request, string? Response, long InputTokens, long OutputTokens, double LatencyMs, string? Error);
