using Alpha.Platform.Ledger;

namespace Alpha.Workflows.Scheduling;

/// <summary>What a <see cref="WorkflowScheduler"/> runs on.</summary>
public sealed class WorkflowSchedulerOptions
{
    /// <summary>The runtime that runs the dispatched workflows (its ledger should be <see cref="Ledger"/>).</summary>
    public required WorkflowRuntime Runtime { get; init; }

    /// <summary>The ledger the fires are claimed in: every scheduler sharing it (in any process) fires each occurrence once.</summary>
    public required ILedgerStore Ledger { get; init; }

    /// <summary>The schedules (from <see cref="ScheduleReader.Read"/>).</summary>
    public required IReadOnlyList<WorkflowSchedule> Schedules { get; init; }

    /// <summary>Resolves a schedule's workflow at each fire (so an edited file is picked up); throws <see cref="Alpha.Platform.Specs.SpecValidationException"/> when it cannot.</summary>
    public required Func<WorkflowSchedule, CancellationToken, Task<ScheduleTarget>> Resolve { get; init; }

    /// <summary>Receives every progress event.</summary>
    public Action<ScheduleEvent>? OnEvent { get; init; }

    /// <summary>The most fires one pass claims per schedule (a run_all catch-up continues in the next pass, at once).</summary>
    public int MaxFiresPerPass { get; init; } = 100;

    /// <summary>The longest sleep between passes (the schedules are re-planned at least this often, e.g. after the clock moved).</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
