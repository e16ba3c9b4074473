using System.Text.Json.Nodes;
using Alpha.Hosting.Workflows;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Server.Auth;
using Alpha.Server.Http;
using Alpha.Server.Runs;
using Alpha.Workflows;
using Alpha.Workflows.Replay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>Dispatch a workflow by name, replay a run, kill one run or every run.</summary>
internal static class WorkflowRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").WithTags("workflows");
        group.MapPost("/workflows/{name}/run", RunAsync)
            .WithSummary("Dispatch the latest locked version of workflow NAME with {inputs, experiment_id?}: 202 {run_id, task_id}");
        group.MapPost("/workflows/runs/{runId}/replay", ReplayAsync)
            .WithSummary("Replay a workflow run as a new run (parent_run_id set, same version rows) with {mode: recorded|live}");
        group.MapPost("/workflows/runs/{runId}/kill", KillAsync)
            .WithSummary("Kill one run in flight: its nodes end cancelled, the run cancelled, a frame names who killed it (a workflow run of another process: a kill request in the ledger)");
        group.MapPost("/kill", async (HttpContext context, IRunKiller killer, CancellationToken ct) =>
                Results.Ok(new { Killed = await killer.KillAllAsync(BearerTokenMiddleware.Caller(context), ct) }))
            .WithSummary("Kill every run in flight in this server");
    }

    private static async Task<IResult> RunAsync(string name, HttpContext context, ILedgerStore ledger, ServerOptions options, RunDispatcher dispatcher, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(context.Request, options.Limits, ct);
        if (body is null)
        {
            return problem!;
        }

        if (body["inputs"] is { } inputsNode && inputsNode is not JsonObject)
        {
            return Problems.Field("inputs", "must be a JSON object, e.g. {\"inputs\": {\"ticket\": \"disk full\"}}");
        }

        if (Text(body, "experiment_id", out var experiment) is { } bad)
        {
            return bad;
        }

        if (await WorkflowLoader.LoadFromLedgerAsync(ledger, name, ct) is not { } loaded)
        {
            return Problems.NotFound($"no workflow spec named '{name}'; POST it to /workflows/specs first");
        }

        var inputs = body["inputs"]?.DeepClone().AsObject();
        return await StartAsync(dispatcher, (runtime, token) => runtime.RunAsync(new WorkflowDispatch(loaded.Workflow, loaded.Agents, inputs, experiment, Workflows: loaded.Workflows), token));
    }

    private static async Task<IResult> ReplayAsync(string runId, HttpContext context, ILedgerStore ledger, ServerOptions options, RunDispatcher dispatcher, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(context.Request, options.Limits, ct);
        if (body is null)
        {
            return problem!;
        }

        if (Text(body, "mode", out var modeText) is { } bad)
        {
            return bad;
        }

        ReplayMode mode;
        switch (modeText ?? "recorded")
        {
            case "recorded":
                mode = ReplayMode.Recorded;
                break;
            case "live":
                mode = ReplayMode.Live;
                break;
            default:
                return Problems.Field("mode", $"'{modeText}' is not a replay mode; use recorded or live");
        }

        if (await ledger.GetRunAsync(runId, ct) is not { } detail)
        {
            return Problems.NotFound($"no run '{runId}'");
        }

        if (detail.Run.SpecKind != SpecKind.Workflow)
        {
            return Problems.Field("run_id", $"run {runId} is an {SpecKindNames.ToName(detail.Run.SpecKind)} run; only workflow runs replay");
        }

        return await StartAsync(dispatcher, (runtime, token) => new WorkflowReplayer(runtime, ledger).ReplayAsync(runId, mode, token));
    }

    private static async Task<IResult> KillAsync(string runId, HttpContext context, ILedgerStore ledger, IRunKiller killer, CancellationToken ct)
    {
        if (await killer.KillAsync(runId, BearerTokenMiddleware.Caller(context), ct))
        {
            return Results.Accepted($"/runs/{runId}", new { RunId = runId, Killed = true });
        }

        if (await ledger.GetRunAsync(runId, ct) is not { } detail)
        {
            return Problems.NotFound($"no run '{runId}'");
        }

        return LedgerNames.IsFinal(detail.Run.Status)
            ? Problems.Conflict($"run {runId} has already ended ({LedgerNames.ToName(detail.Run.Status)})")
            : Problems.Conflict($"run {runId} is an {SpecKindNames.ToName(detail.Run.SpecKind)} run of another process, which reads no kill request; stop that process (SIGINT/SIGTERM)");
    }

    /// <summary>Starts a run in the background: 202 with its ids, 400 for an invalid dispatch, 503 while shutting down.</summary>
    internal static async Task<IResult> StartAsync(RunDispatcher dispatcher, Func<WorkflowRuntime, CancellationToken, Task<WorkflowRunResult>> run)
    {
        try
        {
            var started = await dispatcher.StartWorkflowAsync(run);
            return Accepted(started);
        }
        catch (SpecValidationException ex)
        {
            return Problems.Spec(ex);
        }
        catch (ServerShuttingDownException ex)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Shutting down", ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Cannot run", ex.Message);
        }
    }

    internal static IResult Accepted(StartedRun started) =>
        Results.Accepted($"/runs/{started.RunId}", new { started.RunId, started.TaskId, Stream = $"/chat/stream/{started.TaskId}" });

    private static IResult? Text(JsonObject body, string field, out string? value)
    {
        value = null;
        if (body[field] is not { } node)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
        {
            value = text;
            return null;
        }

        return Problems.Field(field, "must be a non-empty string");
    }
}
