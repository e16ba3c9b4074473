using Alpha.Platform.Ledger;
using Alpha.Server.Http;
using Alpha.Server.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>GET <c>/runs</c> (filters and paging) and <c>/runs/{run_id}</c>. Never a run's inputs: their size instead.</summary>
internal static class RunRoutes
{
    /// <summary>The most runs one page may hold.</summary>
    public const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/runs").WithTags("runs");
        group.MapGet("/", ListAsync)
            .WithSummary("Runs, newest first: ?status=&experiment=&limit=(1-500, default 50)&before=RUN_ID (the next page: the previous page's next)");
        group.MapGet("/{runId}", GetAsync)
            .WithSummary("One run with its agent runs, steps (long texts cut at 65,536 characters) and frames; a finished run adds its outputs or analysis result (kept in the ledger)");
    }

    private static async Task<IResult> ListAsync(ILedgerStore ledger, CancellationToken ct, string? status = null, string? experiment = null, string? limit = null, string? before = null)
    {
        RunStatus? wanted = null;
        if (status is not null)
        {
            if (!LedgerNames.RunStatuses.Contains(status))
            {
                return Problems.Field("status", $"'{status}' is not a run status; use one of {string.Join(", ", LedgerNames.RunStatuses)}");
            }

            wanted = LedgerNames.ParseRunStatus(status);
        }

        var size = 50;
        if (limit is not null && (!int.TryParse(limit, out size) || size < 1 || size > MaxLimit))
        {
            return Problems.Field("limit", $"'{limit}' is not a whole number from 1 to {MaxLimit}");
        }

        // One more than asked says whether there is a next page.
        var runs = await ledger.SearchRunsAsync(new RunQuery(wanted, experiment, null, before, size + 1), ct);
        var page = runs.Take(size).ToArray();
        return Results.Ok(new { Runs = page.Select(Views.Run), Next = runs.Count > size ? page[^1].RunId : null });
    }

    private static async Task<IResult> GetAsync(string runId, ILedgerStore ledger, RunDispatcher dispatcher, CancellationToken ct)
    {
        if (await ledger.GetRunAsync(runId, ct) is not { } detail)
        {
            return Problems.NotFound($"no run '{runId}'; GET /runs lists them");
        }

        var kept = await dispatcher.ResultsOfAsync(runId, ct);
        return Results.Ok(new
        {
            Run = Views.Run(detail.Run),
            AgentRuns = detail.AgentRuns.Select(Views.AgentRun),
            Steps = detail.Steps.Select(Views.Step),
            Frames = detail.Frames.Select(Views.Frame),
            Outputs = kept.GetValueOrDefault(IRunResultStore.Outputs),
            Result = kept.GetValueOrDefault(IRunResultStore.Result),
        });
    }
}
