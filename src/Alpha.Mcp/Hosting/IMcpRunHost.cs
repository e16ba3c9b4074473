using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;

namespace Alpha.Mcp.Hosting;

/// <summary>
/// What the MCP tools run on: the ledger and a place that starts, waits for and kills runs. The HTTP host (/mcp on
/// <c>alpha serve</c>) gives the server's own dispatcher, so a run started by a tool is the same run the REST routes and
/// the streams see; the stdio host (<c>alpha mcp</c>) gives a dispatcher of its own process.
/// </summary>
public interface IMcpRunHost
{
    /// <summary>The ledger runs are recorded in and specs are locked in.</summary>
    ILedgerStore Ledger { get; }

    /// <summary>Size, depth and alias limits of every document a tool reads.</summary>
    InputLimits Limits { get; }

    /// <summary>
    /// True when a tool may read a file of this machine by path (stdio: the caller is the local user). False over HTTP:
    /// a remote caller must not read the server's files, so it sends the document itself.
    /// </summary>
    bool AllowsLocalPaths { get; }

    /// <summary>Starts an analysis of an incident that is already read under the limits and redacted.</summary>
    Task<McpStartedRun> StartAnalysisAsync(IncidentInput incident, string? experimentId, CancellationToken cancellationToken);

    /// <summary>Starts the latest locked version of workflow <paramref name="name"/>; null when no workflow has that name.</summary>
    /// <exception cref="Alpha.Platform.Specs.SpecValidationException">The inputs do not fit the workflow.</exception>
    Task<McpStartedRun?> StartWorkflowAsync(string name, JsonObject? inputs, string? experimentId, CancellationToken cancellationToken);

    /// <summary>Waits until run <paramref name="runId"/>, started by this host, has ended, recorded how, and kept its result.</summary>
    Task WaitAsync(string runId, CancellationToken cancellationToken);

    /// <summary>What a finished run returned (<c>outputs</c> of a workflow, <c>result</c> of an analysis), as the ledger keeps it; null when nothing was kept.</summary>
    Task<JsonObject?> ResultOfAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Kills a run (of this process, or a workflow run of another through the ledger); false when nothing was reached.</summary>
    Task<bool> KillAsync(string runId, string by, CancellationToken cancellationToken);
}
