using Alpha.Platform.Ledger;
using Alpha.Platform.Pricing;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;
using Alpha.Workflows.Control;
using Microsoft.Extensions.AI;

namespace Alpha.Server;

/// <summary>What <c>alpha serve</c> runs on. Every default is the embedded one: the given ledger, no model (deterministic agents only).</summary>
public sealed class ServerOptions
{
    /// <summary>The ledger (SQLite file or PostgreSQL); it must also implement <see cref="IApiTokenStore"/> (both stores do).</summary>
    public required ILedgerStore Ledger { get; init; }

    /// <summary>Addresses to listen on (default <c>http://127.0.0.1:8000</c>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8000"];

    /// <summary>Reads configuration: model endpoints and routing (as <c>alpha analyze</c>), input limits.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Request body and document limits (the CLI's input limits: <c>ALPHA_INPUT_MAX_*</c>).</summary>
    public InputLimits Limits { get; init; } = InputLimits.Default;

    /// <summary>The model client of a workflow agent whose model is not deterministic; null: deterministic agents only.</summary>
    public Func<AgentSpec, IChatClient>? ModelClients { get; init; }

    /// <summary>The in-process kill switch of the workflow runs this server dispatches.</summary>
    public KillSwitch KillSwitch { get; init; } = new();

    /// <summary>Prices for costs and caps.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>Requests one token may make at once before waiting for the bucket to refill (default 100).</summary>
    public int RateLimitBurst { get; init; } = 100;

    /// <summary>Requests per second one token's bucket regains (default 50).</summary>
    public int RateLimitPerSecond { get; init; } = 50;

    /// <summary>How long a shutdown waits for in-flight runs to record their cancellation (default 30 s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a stream of a run owned by another process polls the ledger for new frames (default 500 ms).</summary>
    public TimeSpan LedgerPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The cluster this server is a node of (<c>alpha serve --cluster</c>); null: one process (GET /cluster says so).</summary>
    public Alpha.Cluster.ClusterGateway? Cluster { get; init; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
