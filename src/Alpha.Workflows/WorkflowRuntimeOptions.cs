using Alpha.Platform.Ledger;
using Alpha.Platform.Pricing;
using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.Graph;
using Alpha.Workflows.Adapters.Studio;
using Alpha.Workflows.Adapters.Crew;
using Alpha.Workflows.Adapters.Debate;
using Alpha.Workflows.Control;
using Alpha.Workflows.Nodes;
using Alpha.Workflows.Scheduling;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows;

/// <summary>What a <see cref="WorkflowRuntime"/> runs on.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>The ledger every run is recorded in.</summary>
    public required ILedgerStore Ledger { get; init; }

    /// <summary>Node factories, asked in order; the built-in ones (<see cref="BuiltInNodeFactories"/>) by default. Hosts put theirs first.</summary>
    public IReadOnlyList<INodeFactory> NodeFactories { get; init; } = BuiltInNodeFactories;

    /// <summary>The node kinds this assembly implements: execution and fusion over agents, graph, studio, schedule, crew, debate.</summary>
    public static IReadOnlyList<INodeFactory> BuiltInNodeFactories { get; } = [new AgentNodeFactory(), new GraphNodeFactory(), new StudioNodeFactory(), new ScheduleNodeFactory(), new CrewNodeFactory(), new DebateNodeFactory()];

    /// <summary>The model client for an agent spec whose model is not <c>deterministic</c>; null allows deterministic agents only.</summary>
    public Func<AgentSpec, IChatClient>? ModelClients { get; init; }

    /// <summary>Prices for the per-run dollar cap and the ledger's costs.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>The kill switch runs register with.</summary>
    public KillSwitch KillSwitch { get; init; } = new();

    /// <summary>Receives every frame as it is emitted (a live view); the ledger gets them too.</summary>
    public Action<RunFrame>? OnFrame { get; init; }

    /// <summary>
    /// How often the ledger is read for kill requests from other processes (<c>alpha runs kill</c>) while runs are
    /// open, when the ledger cannot signal them (SQLite); PostgreSQL signals with NOTIFY. See <see cref="KillWatcher"/>.
    /// </summary>
    public TimeSpan KillPollInterval { get; init; } = DefaultKillPollInterval;

    /// <summary>50 ms: a kill from another process is seen within 50 ms plus one read, inside the 250 ms goal.</summary>
    public static TimeSpan DefaultKillPollInterval { get; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A kill watcher shared by several runtimes (a server that builds one runtime per dispatch: one ledger poll or LISTEN
    /// for all of them); it must watch <see cref="KillSwitch"/>. Null: the runtime makes its own.
    /// </summary>
    public KillWatcher? KillWatcher { get; init; }

    /// <summary>
    /// The watchdog: a run, or a node execution, with no progress (no frame, no streamed token) for this long is stopped:
    /// what is in flight is cancelled, the node ends <c>timed_out</c> and the run <c>failed</c> ("stalled: ...").
    /// Null or zero turns it off. Default <see cref="DefaultStallAfter"/>.
    /// </summary>
    public TimeSpan? StallAfter { get; init; } = DefaultStallAfter;

    /// <summary>10 minutes: longer than any single model call Alpha makes streams silently, short enough to free a hung run's slot.</summary>
    public static TimeSpan DefaultStallAfter { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
