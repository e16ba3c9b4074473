using Alpha.Platform.Specs;

namespace Alpha.Platform.Ledger;

/// <summary>What is needed to open a run: the spec version it executes (already hash-locked) and its labels.</summary>
/// <param name="SpecKind">The kind of spec the run executes.</param>
/// <param name="SpecVersionId">The locked version (from <see cref="ILedgerStore.SnapshotAsync"/>).</param>
/// <param name="ExperimentId">The experiment it belongs to; a new id is generated when null (every run has one).</param>
/// <param name="TestId">An evaluation or test case id, when the run is part of one.</param>
/// <param name="ParentRunId">The run this one replays or continues.</param>
/// <param name="TaskId">The runtime's execution id, which its frames carry.</param>
/// <param name="Inputs">The run's inputs as a JSON document (<c>{}</c> when null).</param>
/// <param name="Status"><see cref="RunStatus.Running"/> (started now) or <see cref="RunStatus.Pending"/> (queued).</param>
/// <param name="Owner">The process that records the run (its first heartbeat is the run's creation); null when no process owns it.</param>
/// <param name="InputsDigest">
/// Set when <paramref name="Inputs"/> is only a size-bounded excerpt of bigger inputs: their SHA-256 and size. The
/// excerpt is then kept once per content in <c>run_inputs</c> and the run refers to it by hash (docs/ledger.md).
/// </param>
public sealed record NewRun(
    SpecKind SpecKind,
    string SpecVersionId,
    string? ExperimentId = null,
    string? TestId = null,
    string? ParentRunId = null,
    string? TaskId = null,
    string? Inputs = null,
    RunStatus Status = RunStatus.Running,
    RunOwner? Owner = null,
    RunInputsDigest? InputsDigest = null);
