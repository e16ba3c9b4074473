using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime.Security;
using Alpha.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>POST and GET <c>/agents/specs</c>, <c>/workflows/specs</c>, <c>/analysis/specs</c>: hash-lock a spec (YAML or JSON body) and read its versions.</summary>
internal static class SpecRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        MapKind(app, "/agents/specs", SpecKind.Agent);
        MapKind(app, "/workflows/specs", SpecKind.Workflow);
        MapKind(app, "/analysis/specs", SpecKind.Analysis);
    }

    private static void MapKind(IEndpointRouteBuilder app, string path, SpecKind kind)
    {
        var kindName = SpecKindNames.ToName(kind);
        var group = app.MapGroup(path).WithTags("specs");
        group.MapPost("/", (HttpRequest request, ILedgerStore ledger, ServerOptions options, CancellationToken ct) => SnapshotAsync(request, ledger, options, kind, path, ct))
            .WithSummary($"Hash-lock a {kindName} spec (YAML or JSON body): the same content returns the same version row");
        group.MapGet("/", async (ILedgerStore ledger, CancellationToken ct) =>
                Results.Ok(new { Specs = (await ledger.ListSpecsAsync(ct)).Where(s => s.Kind == kind).Select(Views.Summary) }))
            .WithSummary($"Every {kindName} spec with its latest version");
        group.MapGet("/{name}", async (string name, ILedgerStore ledger, CancellationToken ct) =>
            {
                var versions = await ledger.GetSpecVersionsAsync(kind, name, ct);
                return versions.Count == 0
                    ? Problems.NotFound($"no {kindName} spec named '{name}'; POST it to {path} first")
                    : Results.Ok(new { Kind = kindName, Name = name, versions[0].SpecId, Versions = versions.Select(v => Views.Version(v, withContent: false)) });
            })
            .WithSummary($"The versions of one {kindName} spec, oldest first");
        group.MapGet("/{name}/versions/{version:int}", async (string name, int version, ILedgerStore ledger, CancellationToken ct) =>
                (await ledger.GetSpecVersionsAsync(kind, name, ct)).FirstOrDefault(v => v.Version == version) is { } found
                    ? Results.Ok(Views.Version(found, withContent: true))
                    : Problems.NotFound($"no version {version} of {kindName} spec '{name}'"))
            .WithSummary($"One version of a {kindName} spec with its canonical content");
    }

    private static async Task<IResult> SnapshotAsync(HttpRequest request, ILedgerStore ledger, ServerOptions options, SpecKind kind, string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await RequestBody.ReadTextAsync(request, options.Limits, cancellationToken);
        }
        catch (InputLimitExceededException ex)
        {
            return Problems.TooLarge(ex);
        }

        var format = RequestBody.IsJson(request) ? SpecFormat.Json
            : RequestBody.IsYaml(request) ? SpecFormat.Yaml
            : text.TrimStart().StartsWith('{') ? SpecFormat.Json : SpecFormat.Yaml;
        Spec spec;
        try
        {
            spec = SpecLoader.Parse(text, "request body", format, options.Limits);
        }
        catch (SpecValidationException ex)
        {
            return Problems.Spec(ex);
        }

        if (spec.Kind != kind)
        {
            return Problems.Field("kind", $"is '{SpecKindNames.ToName(spec.Kind)}', but {path} takes kind: {SpecKindNames.ToName(kind)}; POST it to /{(spec.Kind == SpecKind.Analysis ? "analysis" : SpecKindNames.ToName(spec.Kind) + "s")}/specs", SpecLines.Find(text, "request body", "kind"));
        }

        var snapshot = await ledger.SnapshotAsync(spec, cancellationToken);
        var body = Views.Snapshot(snapshot);
        return snapshot.Created ? Results.Created($"{path}/{snapshot.Name}/versions/{snapshot.Version}", body) : Results.Ok(body);
    }
}
