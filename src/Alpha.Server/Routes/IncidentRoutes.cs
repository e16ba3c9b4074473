using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Server.Http;
using Alpha.Server.Runs;
using Alpha.Sre.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>POST <c>/incidents/analyze</c>: an incident (JSON or YAML) analysed in the background and recorded like <c>alpha analyze --db</c>.</summary>
internal static class IncidentRoutes
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/incidents/analyze", AnalyzeAsync)
            .WithTags("incidents")
            .WithSummary("Analyse an incident (JSON or YAML body; ?experiment_id=): 202 {run_id, task_id}; the result at GET /runs/{run_id}");

    private static async Task<IResult> AnalyzeAsync(HttpRequest request, ServerOptions options, RunDispatcher dispatcher, CancellationToken ct, string? experiment_id = null)
    {
        string text;
        try
        {
            text = await RequestBody.ReadTextAsync(request, options.Limits, ct);
        }
        catch (InputLimitExceededException ex)
        {
            return Problems.TooLarge(ex);
        }

        // The name tells the reader the format (YAML unless it is JSON by its content type or first character).
        var source = RequestBody.IsYaml(request) ? "request.yaml" : RequestBody.IsJson(request) ? "request.json" : "request";
        IncidentInput incident;
        try
        {
            incident = IncidentDocument.Parse(text, source, options.Limits);
        }
        catch (InvalidInputException ex)
        {
            return Problems.Input(ex);
        }
        catch (InputLimitExceededException ex)
        {
            return Problems.TooLarge(ex);
        }

        // From here on only the redacted incident exists: the analysis, the ledger, the frames and any model see no secret.
        incident = SecretRedactor.Default.Redact(incident);
        try
        {
            return WorkflowRoutes.Accepted(await dispatcher.StartAnalysisAsync(incident, experiment_id, ct));
        }
        catch (ServerShuttingDownException ex)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Shutting down", ex.Message);
        }
    }
}
