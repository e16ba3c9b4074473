using Alpha.Platform.Ledger;
using Alpha.Platform.Pricing;
using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.Crew;
using Alpha.Workflows.Adapters.Debate;
using Alpha.Workflows.Control;
using Alpha.Workflows.Nodes;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows;

/// <summary>What a <see cref="WorkflowRuntime"/> runs on.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>The ledger every run is recorded in.</summary>
    public required ILedgerStore Ledger { get; init; }

    /// <summary>Node factories, asked in order; the built-in ones (<see cref="BuiltInNodeFactories"/>) by default. Hosts put theirs first.</summary>
    public IReadOnlyList<INodeFactory> NodeFactories { get; init; } = BuiltInNodeFactories;

    /// <summary>The node kinds this assembly implements: execution and fusion over agents, crew, debate.</summary>
    public static IReadOnlyList<INodeFactory> BuiltInNodeFactories { get; } = [new AgentNodeFactory(), new CrewNodeFactory(), new DebateNodeFactory()];

    /// <summary>The model client for an agent spec whose model is not <c>deterministic</c>; null allows deterministic agents only.</summary>
    public Func<AgentSpec, IChatClient>? ModelClients { get; init; }

    /// <summary>Prices for the per-run dollar cap and the ledger's costs.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>The kill switch runs register with.</summary>
    public KillSwitch KillSwitch { get; init; } = new();

    /// <summary>Receives every frame as it is emitted (a live view); the ledger gets them too.</summary>
    public Action<RunFrame>? OnFrame { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
