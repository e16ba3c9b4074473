using Alpha.Server.Auth;
using Alpha.Server.Http;
using Alpha.Server.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>
/// <c>/discovery/entries</c>, <c>/sources/{name}/probe</c> and <c>/discovery/entries/{id}/promote</c>: the data sources
/// the environment and the imports folder offer, a probe of each, and promotion (recorded in the ledger).
/// </summary>
internal static class SourceRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").WithTags("sources");
        group.MapGet("/discovery/entries", async (DataSources sources, CancellationToken ct) => Results.Ok(new { Entries = await sources.ListAsync(ct) }))
            .WithSummary("Data sources: Sentry and GitHub as configured, and each incident file of the imports folder (ALPHA_IMPORTS_DIR), with their status");
        group.MapPost("/sources/{name}/probe", ProbeAsync)
            .WithSummary("Test a source's connection (or read a file as an incident): 200 {ok, status, detail, hint} whatever the source answered");
        group.MapPost("/discovery/entries/{id}/promote", PromoteAsync)
            .WithSummary("Probe an entry and, when ok, record its promotion in the ledger; 409 with the probe otherwise");
    }

    private static async Task<IResult> ProbeAsync(string name, DataSources sources, CancellationToken ct)
    {
        if (await sources.FindAsync(name, ct) is not { } entry)
        {
            return Problems.NotFound($"no data source '{name}'; GET /discovery/entries lists them");
        }

        return Results.Ok(await sources.ProbeAsync(entry, ct));
    }

    private static async Task<IResult> PromoteAsync(string id, HttpContext context, DataSources sources, CancellationToken ct)
    {
        if (await sources.FindAsync(id, ct) is not { } entry)
        {
            return Problems.NotFound($"no discovery entry '{id}'; GET /discovery/entries lists them");
        }

        var probe = await sources.ProbeAsync(entry, ct);
        if (!probe.Ok)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Probe failed", $"{entry.Name}: {probe.Detail}. {probe.Hint}".Trim(), new Dictionary<string, object?> { ["probe"] = probe });
        }

        var (promotion, created) = await sources.PromoteAsync(entry, BearerTokenMiddleware.Caller(context), ct);
        return Results.Ok(new { Entry = entry with { Status = "promoted", PromotedAt = promotion.PromotedAt }, Probe = probe, Created = created });
    }
}
