using Alpha.Platform.Ledger;
using Alpha.Platform.Pricing;
using Alpha.Platform.Specs;
using Alpha.Workflows;
using Alpha.Workflows.Nodes;
using Microsoft.Extensions.AI;

namespace Alpha.Cluster.Runs;

/// <summary>What a node runs workflows on: the ledger shared by the cluster, the models, the node kinds.</summary>
public sealed class ClusterRuntimeOptions
{
    /// <summary>This node's connection to the shared PostgreSQL ledger.</summary>
    public required ILedgerStore Ledger { get; init; }

    /// <summary>The model client of an agent whose model is not deterministic; null: deterministic agents only.</summary>
    public Func<AgentSpec, IChatClient>? ModelClients { get; init; }

    /// <summary>Node kinds (default: the host composition's, incident nodes included).</summary>
    public IReadOnlyList<INodeFactory> NodeFactories { get; init; } = Alpha.Hosting.Workflows.WorkflowNodeFactories.Default;

    /// <summary>Prices for costs and caps.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>How many starts a run gets in all before a node loss marks it failed (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The watchdog's stall limit (as <see cref="WorkflowRuntimeOptions.StallAfter"/>).</summary>
    public TimeSpan? StallAfter { get; init; } = WorkflowRuntimeOptions.DefaultStallAfter;

    /// <summary>Receives every frame of every run this node drives, as it is emitted (a host feeds its frame hub; a benchmark times a kill).</summary>
    public Action<RunFrame>? OnFrame { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
