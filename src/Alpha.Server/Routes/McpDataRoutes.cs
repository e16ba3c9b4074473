using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>
/// POST <c>/mcp/data/tools/{tool}/invoke</c>: agent-safe reads of the ledger, for agents and MCP bridges. Each answers
/// about one run or the catalogue with bounded results; none returns a run's inputs or a step's request text.
/// </summary>
internal static class McpDataRoutes
{
    /// <summary>The tools, by name.</summary>
    public static readonly IReadOnlyList<string> Tools = ["data.workflows.describe", "data.agents.list_runs", "data.discovery.browse"];

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/mcp/data/tools/{tool}/invoke", InvokeAsync)
            .WithTags("mcp")
            .WithSummary("Invoke a data tool with its arguments as the JSON body: data.workflows.describe {workflow_run_id}, data.agents.list_runs {workflow_run_id, limit}, data.discovery.browse {limit}");

    private static async Task<IResult> InvokeAsync(string tool, HttpContext context, ILedgerStore ledger, ServerOptions options, CancellationToken ct)
    {
        if (!Tools.Contains(tool))
        {
            return Problems.NotFound($"no data tool '{tool}'; the tools are {string.Join(", ", Tools)}");
        }

        var (body, problem) = await RequestBody.ReadObjectAsync(context.Request, options.Limits, ct);
        if (body is null)
        {
            return problem!;
        }

        // Arguments as the body itself, or under "arguments" (the MCP tools/call shape).
        var args = body["arguments"] as JsonObject ?? body;
        if (Limit(args, 50, out var limit) is { } badLimit)
        {
            return badLimit;
        }

        if (tool == "data.discovery.browse")
        {
            var specs = await ledger.ListSpecsAsync(ct);
            var runs = await ledger.SearchRunsAsync(new RunQuery(Limit: limit), ct);
            return Result(tool, new { Specs = specs.Select(Views.Summary), RecentRuns = runs.Select(Views.Run), Tools });
        }

        if (args["workflow_run_id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var runId) || string.IsNullOrWhiteSpace(runId))
        {
            return Problems.Field("workflow_run_id", "is required: the run to read (run_...)");
        }

        if (await ledger.GetRunAsync(runId, ct) is not { } detail)
        {
            return Problems.NotFound($"no run '{runId}'");
        }

        if (tool == "data.agents.list_runs")
        {
            return Result(tool, new { RunId = runId, Total = detail.AgentRuns.Count, AgentRuns = detail.AgentRuns.Take(limit).Select(Views.AgentRun) });
        }

        var version = await ledger.GetSpecVersionAsync(detail.Run.SpecKind, detail.Run.SpecVersionId, ct);
        return Result(tool, new
        {
            Run = Views.Run(detail.Run),
            Spec = version is null ? null : new { Kind = SpecKindNames.ToName(version.Kind), version.Name, version.Version, version.VersionId, version.SpecHash },
            Nodes = detail.AgentRuns.GroupBy(a => a.Node).Select(g => new { Node = g.Key, Executions = g.Count(), Statuses = g.Select(a => LedgerNames.ToName(a.Status)).Distinct() }),
            Frames = detail.Frames.Count,
            LastStage = detail.Frames.Count == 0 ? null : detail.Frames[^1].Stage,
        });
    }

    private static IResult Result(string tool, object result) => Results.Ok(new { Tool = tool, Result = result });

    private static IResult? Limit(JsonObject args, int fallback, out int limit)
    {
        limit = fallback;
        if (args["limit"] is not { } node)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<int>(out limit) && limit >= 1 && limit <= RunRoutes.MaxLimit)
        {
            return null;
        }

        return Problems.Field("limit", $"must be a whole number from 1 to {RunRoutes.MaxLimit}");
    }
}
