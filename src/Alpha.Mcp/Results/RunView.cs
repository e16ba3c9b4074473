namespace Alpha.Mcp.Results;

/// <summary>One run of the ledger, without its inputs (their size only).</summary>
/// <param name="RunId">The run id.</param>
/// <param name="Kind">workflow or analysis.</param>
/// <param name="Status">pending, running, completed, failed, cancelled or capped</param>
/// <param name="SpecVersionId">The locked spec version it ran.</param>
/// <param name="ExperimentId">Its experiment.</param>
/// <param name="ParentRunId">The run it replays, if any.</param>
/// <param name="TaskId">The task id of its frames.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="TotalTokens">Tokens of every model call.</param>
/// <param name="TotalCostUsd">Cost of every priced model call.</param>
/// <param name="Error">Why it failed or was cancelled (redacted).</param>
/// <param name="InputsChars">The size of its inputs in characters.</param>
public sealed record RunView(
    string RunId,
    string Kind,
    string Status,
    string SpecVersionId,
    string ExperimentId,
    string? ParentRunId,
    string? TaskId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long TotalTokens,
    decimal TotalCostUsd,
    string? Error,
    long? InputsChars);
