using System.ComponentModel;
using System.Text.Json;
using Alpha.Mcp.Hosting;
using Alpha.Mcp.Results;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Alpha.Mcp.Tools;

/// <summary><c>analyze_incident</c>: an incident in, the ranked hypotheses with their evidence out (recorded in the ledger as a run).</summary>
[McpServerToolType]
internal sealed class IncidentTools(IMcpRunHost host)
{
    /// <summary>The most hypotheses one answer carries.</summary>
    public const int MaxTop = 20;

    [McpServerTool(Name = "analyze_incident", Title = "Analyse an incident", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(IncidentAnalysisView))]
    [Description("Analyse an incident (logs, metrics, commits, config; the format is docs/incident-format.md) with Alpha's specialist agents and deterministic judge, and return the ranked root-cause hypotheses, each with the signals (evidence) it rests on. The run is recorded in the ledger (describe_run reads it again). Give either incident or path.")]
    public async Task<CallToolResult> AnalyzeIncidentAsync(
        [Description("The incident: a JSON object in Alpha's incident format, or a string holding it as JSON or YAML.")] JsonElement? incident = null,
        [Description("Path of an incident file (JSON or YAML) on the machine Alpha runs on. Only over stdio (alpha mcp); over HTTP send the incident itself.")] string? path = null,
        [Description("The experiment to record the run under (default: the ledger's default experiment).")] string? experiment_id = null,
        [Description("How many ranked hypotheses to return, 1-20 (default 5).")] int top = 5,
        CancellationToken cancellationToken = default)
    {
        Arguments.Range(top, "top", 1, MaxTop);
        var experiment = Arguments.Optional(experiment_id, "experiment_id");
        var input = await ReadAsync(incident, Arguments.Optional(path, "path"), cancellationToken);

        // From here on only the redacted incident exists: the analysis, the ledger, the frames and any model see no secret.
        input = SecretRedactor.Default.Redact(input);
        var started = await host.StartAnalysisAsync(input, experiment, cancellationToken);
        try
        {
            await host.WaitAsync(started.RunId, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up (notifications/cancelled, or its connection closed): the analysis stops with it.
            await host.KillAsync(started.RunId, "mcp caller cancelled", CancellationToken.None);
            throw;
        }

        if (KeptAnalysis.From(await host.ResultOfAsync(started.RunId, cancellationToken)) is not { } result)
        {
            var run = await host.Ledger.GetRunAsync(started.RunId, cancellationToken);
            var how = run is null ? "without a result" : $"{LedgerNames.ToName(run.Run.Status)}{(run.Run.Error is { } e ? ": " + SecretRedactor.Default.Redact(e) : string.Empty)}";
            throw new McpException($"run {started.RunId} ended {how}. describe_run {started.RunId} shows its agent runs.");
        }

        var hypotheses = result.Top(top, withEvidence: true);
        var view = new IncidentAnalysisView(started.RunId, started.TaskId, hypotheses, result.RequiresHumanReview, result.ReviewReasons, result.Signals, result.DurationMs);
        var head = $"Run {started.RunId}: {result.Ranked.Count} ranked hypotheses from {result.Signals} signals in {result.DurationMs:0} ms"
            + (result.RequiresHumanReview ? $"; human review required ({string.Join("; ", result.ReviewReasons)})" : string.Empty)
            + (hypotheses.Count < result.Ranked.Count ? $"; the top {hypotheses.Count} follow." : ".");
        return ToolResults.Of(view, hypotheses.Count == 0 ? head : head + "\n" + ToolViews.HypothesesText(hypotheses));
    }

    private async Task<IncidentInput> ReadAsync(JsonElement? incident, string? path, CancellationToken cancellationToken)
    {
        var given = incident is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
        if (given == (path is not null))
        {
            throw ToolResults.Invalid("incident", given ? "and path are both given" : "is missing (and so is path)", "Give exactly one: incident (the document itself) or path (a file on the machine Alpha runs on).");
        }

        try
        {
            if (given)
            {
                var text = Arguments.DocumentText(incident!.Value, "incident", host.Limits);
                return IncidentDocument.Parse(text, "incident", host.Limits);
            }

            if (!host.AllowsLocalPaths)
            {
                throw ToolResults.Invalid("path", "is not accepted over HTTP (a remote caller may not read the server's files)", "Send the incident itself as the incident argument.");
            }

            return await IncidentDocument.LoadAsync(Path.GetFullPath(path!), TextReader.Null, host.Limits, cancellationToken);
        }
        catch (InvalidInputException ex)
        {
            throw Arguments.Input(given ? "incident" : "path", ex);
        }
        catch (InputLimitExceededException ex)
        {
            throw ToolResults.Invalid(given ? "incident" : "path", ex.Message, "Send a smaller document, or raise the limit where Alpha runs.");
        }
    }
}
