using System.Text.Json.Nodes;
using Alpha.Hosting.Workflows;
using Alpha.Mcp.Hosting;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Server.Auth;
using Alpha.Server.Runs;
using Alpha.Workflows;
using Microsoft.AspNetCore.Http;

namespace Alpha.Server.Mcp;

/// <summary>
/// The MCP tools' run host over a <see cref="RunDispatcher"/>: over HTTP the server's own (a run a tool starts is the
/// run the REST routes, the streams and the kill route see), over stdio one of the <c>alpha mcp</c> process.
/// </summary>
internal sealed class ServerRunHost(ServerOptions options, RunDispatcher dispatcher, IRunKiller killer, bool allowsLocalPaths, IHttpContextAccessor? http = null) : IMcpRunHost
{
    public ILedgerStore Ledger => options.Ledger;

    public InputLimits Limits => options.Limits;

    public bool AllowsLocalPaths => allowsLocalPaths;

    public async Task<McpStartedRun> StartAnalysisAsync(IncidentInput incident, string? experimentId, CancellationToken cancellationToken)
    {
        var started = await dispatcher.StartAnalysisAsync(incident, experimentId, cancellationToken).ConfigureAwait(false);
        return new McpStartedRun(started.RunId, started.TaskId);
    }

    public async Task<McpStartedRun?> StartWorkflowAsync(string name, JsonObject? inputs, string? experimentId, CancellationToken cancellationToken)
    {
        if (await WorkflowLoader.LoadFromLedgerAsync(options.Ledger, name, cancellationToken).ConfigureAwait(false) is not { } loaded)
        {
            return null;
        }

        var started = await dispatcher.StartWorkflowAsync((runtime, token) => runtime.RunAsync(new WorkflowDispatch(loaded.Workflow, loaded.Agents, inputs, experimentId, Workflows: loaded.Workflows), token)).ConfigureAwait(false);
        return new McpStartedRun(started.RunId, started.TaskId);
    }

    public Task WaitAsync(string runId, CancellationToken cancellationToken) =>
        dispatcher.CompletionOf(runId).WaitAsync(cancellationToken);

    public async Task<JsonObject?> ResultOfAsync(string runId, CancellationToken cancellationToken)
    {
        // Freshly parsed from the ledger, so the nodes have no parent and go into the object as they are.
        var kept = await dispatcher.ResultsOfAsync(runId, cancellationToken).ConfigureAwait(false);
        return kept.Count == 0 ? null : new JsonObject(kept);
    }

    public Task<bool> KillAsync(string runId, string by, CancellationToken cancellationToken)
    {
        // Over HTTP the kill frame names the token as the REST kill route does (token:NAME), never the token itself.
        var caller = http?.HttpContext is { } context ? $"{by} {BearerTokenMiddleware.Caller(context)}" : by;
        return killer.KillAsync(runId, caller, cancellationToken);
    }
}
