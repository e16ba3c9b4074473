using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>One run row (<c>workflow_runs</c>): an analysis or workflow execution of one locked spec version.</summary>
/// <param name="RunId">The run's id (<c>run_...</c>).</param>
/// <param name="SpecKind">The kind of spec it executes.</param>
/// <param name="SpecVersionId">The locked spec version.</param>
/// <param name="Status">Its status.</param>
/// <param name="ParentRunId">The run it replays or continues, if any.</param>
/// <param name="ExperimentId">Its experiment (always set).</param>
/// <param name="TestId">Its test case, if any.</param>
/// <param name="TaskId">The runtime's execution id.</param>
/// <param name="Inputs">
/// Its inputs (JSON) as given to <see cref="ILedgerStore.CreateRunAsync"/>; null when read back from the ledger: listings
/// and run details never load inputs (they may be very large); <see cref="ILedgerStore.GetRunInputsAsync"/> reads them by slices.
/// </param>
/// <param name="StartedAt">When it started running.</param>
/// <param name="FinishedAt">When it reached a final status.</param>
/// <param name="TotalTokens">Input plus output tokens of every agent run.</param>
/// <param name="TotalCostUsd">Cost of every priced model call, in US dollars.</param>
/// <param name="Error">Why it failed, was cancelled or capped.</param>
/// <param name="CreatedAt">When the row was written.</param>
/// <param name="UpdatedAt">The last write to the run (agent runs, frames, status).</param>
/// <param name="InputsChars">The size of its inputs in characters (null for runs recorded before it was kept).</param>
public sealed record WorkflowRun(
    string RunId,
    SpecKind SpecKind,
    string SpecVersionId,
    RunStatus Status,
    string? ParentRunId,
    string ExperimentId,
    string? TestId,
    string? TaskId,
    string? Inputs,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long TotalTokens,
    decimal TotalCostUsd,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long? InputsChars = null);
