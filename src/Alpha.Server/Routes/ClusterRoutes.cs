using System.Text.Json.Nodes;
using Alpha.Cluster.Runs;
using Alpha.Cluster.Schedules;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Server.Auth;
using Alpha.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>
/// <c>/cluster</c>: the nodes of the Orleans cluster this server is a node of (<c>alpha serve --cluster</c>), their runs,
/// and workflow runs dispatched to the cluster (placed on any node, resumed elsewhere if their node is lost). See
/// docs/scale-out.md.
/// </summary>
internal static class ClusterRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/cluster").WithTags("cluster");
        group.MapGet("/", StatusAsync)
            .WithSummary("The cluster's nodes (status, start, last alive, the runs each drives); {clustered: false} for a single-process server");
        group.MapPost("/workflows/{name}/run", RunAsync)
            .WithSummary("Dispatch the latest locked version of workflow NAME to the cluster with {inputs?, experiment_id?}: 202 {key, run_id, silo, status}");
        group.MapGet("/runs/{key}", GetAsync)
            .WithSummary("A cluster run by its key: status, node, ledger run, attempts, position reached");
        group.MapPost("/runs/{key}/kill", KillAsync)
            .WithSummary("Kill a cluster run (by key or ledger run id) wherever it runs");
        group.MapPost("/schedules/{name}", ScheduleAsync)
            .WithSummary("Register the schedules of schedule spec NAME (its latest locked version) with the cluster: each fire dispatches its workflow once across the cluster");
        group.MapGet("/schedules", async (ServerOptions options, CancellationToken ct) =>
                options.Cluster is not { } cluster ? NotClustered() : Results.Ok(new { Schedules = (await cluster.SchedulesAsync(ct)).Select(ScheduleView) }))
            .WithSummary("The cluster's schedules: cron, workflow, next fire, the node holding each");
        group.MapDelete("/schedules/{spec}/{node}", async (string spec, string node, ServerOptions options, CancellationToken ct) =>
                options.Cluster is not { } cluster ? NotClustered()
                : await cluster.UnscheduleAsync($"{spec}/{node}", ct) is { } view ? Results.Ok(ScheduleView(view))
                : Problems.NotFound($"no cluster schedule '{spec}/{node}'"))
            .WithSummary("Stop a cluster schedule (fires already dispatched go on)");
    }

    private static async Task<IResult> ScheduleAsync(string name, ILedgerStore ledger, ServerOptions options, CancellationToken ct)
    {
        if (options.Cluster is not { } cluster)
        {
            return NotClustered();
        }

        var versions = await ledger.GetSpecVersionsAsync(SpecKind.Workflow, name, ct);
        if (versions.Count == 0)
        {
            return Problems.NotFound($"no workflow spec named '{name}'; POST the schedule spec to /workflows/specs first");
        }

        try
        {
            var spec = (WorkflowSpec)SpecLoader.Parse(versions[^1].Content, $"{name}@{versions[^1].Version}.json", SpecFormat.Json);
            return Results.Ok(new { Schedules = (await cluster.ScheduleAsync(spec, ct)).Select(ScheduleView) });
        }
        catch (SpecValidationException ex)
        {
            return Problems.Spec(ex);
        }
    }

    private static object ScheduleView(ClusterScheduleView view) =>
        new { view.Key, view.Active, view.Expression, view.Workflow, view.Next, view.Silo, view.SpecVersionId, view.Error };

    private static async Task<IResult> StatusAsync(ServerOptions options, CancellationToken ct)
    {
        if (options.Cluster is not { } cluster)
        {
            return Results.Ok(new { Clustered = false, Nodes = Array.Empty<object>() });
        }

        var status = await cluster.StatusAsync(ct);
        return Results.Ok(new
        {
            Clustered = true,
            status.ClusterId,
            status.ActiveNodes,
            Nodes = status.Nodes.Select(n => new { n.Silo, n.Name, n.Host, n.Status, n.StartedAt, n.AliveAt, Load = n.Runs.Count, n.Runs }),
        });
    }

    private static async Task<IResult> RunAsync(string name, HttpContext context, ILedgerStore ledger, ServerOptions options, CancellationToken ct)
    {
        if (options.Cluster is not { } cluster)
        {
            return NotClustered();
        }

        var (body, problem) = await RequestBody.ReadObjectAsync(context.Request, options.Limits, ct);
        if (body is null)
        {
            return problem!;
        }

        if (body["inputs"] is { } inputsNode && inputsNode is not JsonObject)
        {
            return Problems.Field("inputs", "must be a JSON object, e.g. {\"inputs\": {\"ticket\": \"disk full\"}}");
        }

        if (body["experiment_id"] is { } experimentNode && (experimentNode.GetValueKind() != System.Text.Json.JsonValueKind.String || string.IsNullOrWhiteSpace(experimentNode.GetValue<string>())))
        {
            return Problems.Field("experiment_id", "must be a non-empty string");
        }

        if (await WorkflowLoader.LoadFromLedgerAsync(ledger, name, ct) is not { } loaded)
        {
            return Problems.NotFound($"no workflow spec named '{name}'; POST it to /workflows/specs first");
        }

        var view = await cluster.DispatchAsync(loaded.Workflow, loaded.Agents, body["inputs"]?.DeepClone().AsObject(), body["experiment_id"]?.GetValue<string>(), loaded.Workflows, ct);
        return view.RunId is null
            ? Problems.Status(StatusCodes.Status400BadRequest, "Cannot run", view.Error ?? "the run could not start")
            : Results.Accepted($"/cluster/runs/{view.Key}", View(view));
    }

    private static async Task<IResult> GetAsync(string key, ServerOptions options, CancellationToken ct) =>
        options.Cluster is not { } cluster ? NotClustered()
        : await cluster.GetAsync(key, ct) is { Status: not ClusterRunStatus.None } view ? Results.Ok(View(view))
        : Problems.NotFound($"no cluster run '{key}'");

    private static async Task<IResult> KillAsync(string key, HttpContext context, ServerOptions options, CancellationToken ct) =>
        options.Cluster is not { } cluster ? NotClustered()
        : Results.Ok(new { Key = key, Killed = await cluster.KillAsync(key, BearerTokenMiddleware.Caller(context), ct) });

    private static object View(ClusterRunView view) =>
        new { view.Key, view.RunId, view.Silo, Status = view.Status.ToString().ToLowerInvariant(), view.Attempt, view.InterruptedRunIds, view.Stage, view.Error };

    private static IResult NotClustered() =>
        Problems.Conflict("this server is not a node of a cluster; start it with alpha serve --cluster POSTGRES (or ALPHA_CLUSTER)");
}
