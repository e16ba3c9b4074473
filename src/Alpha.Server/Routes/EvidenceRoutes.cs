using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Server.Http;
using Alpha.Sre.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>
/// GET <c>/runs/{run_id}/evidence</c>: for an analysis run, each signal it detected with the raw data behind it, read
/// from the run's stored (redacted) incident: a metric signal's series with its baseline and change point, a log
/// signal's matching lines, a commit's files, a deployment. What the web page's hypotheses open onto and its charts draw.
/// Signals come from the run's <c>signal.detected</c> frames, so a run of another process or of an earlier server works too.
/// </summary>
internal static class EvidenceRoutes
{
    /// <summary>Most raw log lines returned per signal (the count of all matches is given beside them).</summary>
    public const int MaxLinesPerSignal = 20;

    /// <summary>Longest patch text returned per commit file.</summary>
    public const int MaxPatchChars = 4_000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/runs/{runId}/evidence", GetAsync)
            .WithTags("runs")
            .WithSummary("An analysis run's signals, each with the raw data behind it (metric series with baseline and change point, matching log lines, commit, deployment)");

    private static async Task<IResult> GetAsync(string runId, ILedgerStore ledger, ServerOptions options, CancellationToken ct)
    {
        if (await ledger.GetRunAsync(runId, ct) is not { } detail)
        {
            return Problems.NotFound($"no run '{runId}'; GET /runs lists them");
        }

        if (detail.Run.SpecKind != SpecKind.Analysis)
        {
            return Problems.Field("run_id", $"run {runId} is a {SpecKindNames.ToName(detail.Run.SpecKind)} run; evidence exists for analysis runs");
        }

        var signals = detail.Frames
            .Where(f => f.Stage == "signal.detected")
            .Select(f => Views.ParseOrText(f.Extras)?["signal"] as JsonObject)
            .OfType<JsonObject>()
            .ToArray();
        var incident = await ReadIncidentAsync(ledger, runId, options, ct);
        var answer = new JsonArray();
        foreach (var signal in signals)
        {
            var item = signal.DeepClone().AsObject();
            item["evidence"] = incident is null ? null : EvidenceOf(signal, incident);
            answer.Add(item);
        }

        return Results.Ok(new { RunId = runId, Status = LedgerNames.ToName(detail.Run.Status), Signals = answer });
    }

    private static async Task<SreIncident?> ReadIncidentAsync(ILedgerStore ledger, string runId, ServerOptions options, CancellationToken ct)
    {
        if (await ledger.GetRunInputsAsync(runId, cancellationToken: ct) is not { } inputs)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(inputs.Text)?["incident"] is not JsonObject stored)
            {
                return null;
            }

            // The stored incident is the redacted one, in the documented format: read it back as the analysis did.
            return IncidentDocument.Read(stored.ToJsonString(), "inputs.json", options.Limits);
        }
        catch (Exception ex) when (ex is JsonException or InvalidInputException or InputLimitExceededException)
        {
            return null;
        }
    }

    private static JsonObject? EvidenceOf(JsonObject signal, SreIncident incident)
    {
        var payload = signal["payload"] as JsonObject;
        var kind = (string?)payload?["kind"];
        var service = (string?)signal["service"];
        return kind switch
        {
            "metric_change" or "metric_level" => Series(incident, service, (string?)signal["description"], payload!),
            "log_template_burst" => Lines(incident, service, (string?)payload!["template"]),
            "commit_risk" => Commit(incident, (string?)payload!["sha"]),
            "deployment" => Deploy(incident, service, (string?)payload!["to_version"]),
            _ => null,
        };
    }

    private static JsonObject? Series(SreIncident incident, string? service, string? description, JsonObject payload)
    {
        var metric = (string?)payload["metric"];

        // The description starts with the series key as written (orders.cpu, orders.cpu{version=v2}): prefer that one.
        var series = incident.Metrics.FirstOrDefault(m => description is not null && description.StartsWith(m.Key + " ", StringComparison.Ordinal))
            ?? incident.Metrics.FirstOrDefault(m => m.Metric == metric && m.Service == service);
        if (series is null)
        {
            return null;
        }

        var points = new JsonArray();
        foreach (var point in series.Points)
        {
            points.Add(new JsonObject { ["t"] = point.Timestamp?.ToString("O"), ["v"] = double.IsFinite(point.Value) ? point.Value : null });
        }

        return new JsonObject
        {
            ["kind"] = "series",
            ["key"] = series.Key,
            ["points"] = points,
            ["baseline"] = payload["baseline"]?.DeepClone() ?? (series.Baseline is { } b ? b : null),
            ["current"] = payload["current"]?.DeepClone(),
            ["onset_index"] = payload["onset_index"]?.DeepClone(),
            ["direction"] = payload["direction"]?.DeepClone(),
        };
    }

    private static JsonObject? Lines(SreIncident incident, string? service, string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }

        // A mined template: literal text with <*> where a variable was; match it anywhere in the message.
        var pattern = new Regex(string.Join(".*?", template.Split("<*>").Select(Regex.Escape)), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));
        var matching = new JsonArray();
        var total = 0;
        foreach (var line in incident.Logs)
        {
            if ((service is null || line.Service is null || line.Service == service) && Matches(pattern, line.Message))
            {
                total++;
                if (matching.Count < MaxLinesPerSignal)
                {
                    matching.Add(new JsonObject { ["timestamp"] = line.Timestamp?.ToString("O"), ["service"] = line.Service, ["level"] = line.Level, ["message"] = line.Message });
                }
            }
        }

        return new JsonObject { ["kind"] = "lines", ["template"] = template, ["lines"] = matching, ["total"] = total };
    }

    private static bool Matches(Regex pattern, string message)
    {
        try
        {
            return pattern.IsMatch(message);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static JsonObject? Commit(SreIncident incident, string? sha)
    {
        if (sha is null || incident.Commits.FirstOrDefault(c => c.Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase) || sha.StartsWith(c.Sha, StringComparison.OrdinalIgnoreCase)) is not { } commit)
        {
            return null;
        }

        var files = new JsonArray();
        foreach (var file in commit.Files)
        {
            var patch = file.Patch is { Length: > MaxPatchChars } long_ ? long_[..MaxPatchChars] : file.Patch;
            files.Add(new JsonObject { ["path"] = file.Path, ["additions"] = file.Additions, ["deletions"] = file.Deletions, ["patch"] = patch });
        }

        return new JsonObject
        {
            ["kind"] = "commit",
            ["sha"] = commit.Sha,
            ["author"] = commit.Author,
            ["timestamp"] = commit.Timestamp?.ToString("O"),
            ["service"] = commit.Service,
            ["message"] = commit.Message,
            ["files"] = files,
        };
    }

    private static JsonObject? Deploy(SreIncident incident, string? service, string? toVersion)
    {
        if (incident.Deployments.FirstOrDefault(d => d.Service == service && (toVersion is null || d.ToVersion == toVersion)) is not { } deployment)
        {
            return null;
        }

        return new JsonObject
        {
            ["kind"] = "deployment",
            ["service"] = deployment.Service,
            ["from_version"] = deployment.FromVersion,
            ["to_version"] = deployment.ToVersion,
            ["started_at"] = deployment.StartedAt?.ToString("O"),
            ["completed_at"] = deployment.CompletedAt?.ToString("O"),
        };
    }
}
