namespace Alpha.Platform.Ledger;

/// <summary>One model or tool call of an agent run (<c>agent_run_steps</c>).</summary>
/// <param name="StepId">Its id (<c>step_...</c>).</param>
/// <param name="AgentRunId">The agent run that made the call.</param>
/// <param name="RunId">The run.</param>
/// <param name="Sequence">Order within the agent run, from 1.</param>
/// <param name="Kind"><c>model</c> or <c>tool</c>.</param>
/// <param name="Name">The model id, or the tool's name.</param>
/// <param name="Request">What was sent.</param>
/// <param name="Response">What came back (null when the call failed before a reply).</param>
/// <param name="InputTokens">Input (prompt) tokens.</param>
/// <param name="OutputTokens">Output (completion) tokens.</param>
/// <param name="CostUsd">Its price from the pricing table; null when the model has no price.</param>
/// <param name="LatencyMs">Wall time of the call.</param>
/// <param name="Error">Why it failed, if it did.</param>
/// <param name="CreatedAt">When the call ended.</param>
public sealed record AgentRunStep(
    string StepId,
    string AgentRunId,
    string RunId,
    int Sequence,
    string Kind,
    string Name,
    string Request,
    string? Response,
    long InputTokens,
    long OutputTokens,
    decimal? CostUsd,
    double LatencyMs,
    string? Error,
    DateTimeOffset CreatedAt)
{
    /// <summary>The kind of a model call.</summary>
    public const string ModelKind = "model";

    /// <summary>The kind of a tool call.</summary>
    public const string ToolKind = "tool";
}
