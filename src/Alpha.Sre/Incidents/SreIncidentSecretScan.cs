using System.Text.Json;
using Alpha.Runtime.Security;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Whether <see cref="SreIncident.Redact"/> would change an incident, decided on the typed model: every string is
/// checked where <see cref="SreIncidentJsonConverter"/> writes it and under the key it is written under, with the
/// rules <see cref="SreIncident.Redact"/> applies to each section, but nothing is serialised or copied (most incidents
/// hold no secret, and writing one out to scan it was most of what an analysis allocated).
/// </summary>
/// <remarks>
/// Keep in step with <see cref="SreIncidentJsonConverter.Write"/>: a test compares this verdict with a scan of the
/// written document for every example incident and for a secret in each field. Times are not checked: they are written
/// as <c>yyyy-MM-ddTHH:mm:ss.FFFFFFFZ</c> (no lower-case letter, no key word, no URL), which no rule matches, under keys
/// (<c>timestamp</c>, <c>start</c>, <c>at</c>...) that are not secret. Numbers are only secret under password-like keys,
/// and the converter writes them under fixed keys that are not (metric values, additions, deletions, duration_ms).
/// </remarks>
internal static class SreIncidentSecretScan
{
    /// <summary>True when <paramref name="incident"/> holds something <paramref name="redactor"/> would replace.</summary>
    public static bool ContainsSecret(SreIncident incident, SecretRedactor redactor)
    {
        if (Changes(redactor, "deployment_id", incident.DeploymentId))
        {
            return true;
        }

        if (incident.Alert is { } alert && (Changes(redactor, "service", alert.Service) || Changes(redactor, "metric", alert.Metric)))
        {
            return true;
        }

        // Log entries and commits are scanned without a key, so each field under its own name.
        foreach (var log in incident.Logs)
        {
            var bare = log is { Timestamp: null, Service: null, Level: null, TraceId: null };
            if (bare ? Changes(redactor, null, log.Message)
                : Changes(redactor, "service", log.Service) || Changes(redactor, "level", log.Level) || Changes(redactor, "message", log.Message) || Changes(redactor, "trace_id", log.TraceId))
            {
                return true;
            }
        }

        // A metric's name by shape; its numbers never.
        foreach (var series in incident.Metrics)
        {
            if (Changes(redactor, null, series.Key))
            {
                return true;
            }
        }

        foreach (var commit in incident.Commits)
        {
            if (Changes(redactor, "sha", commit.Sha) || Changes(redactor, "author", commit.Author) || Changes(redactor, "message", commit.Message)
                || Changes(redactor, "service", commit.Service))
            {
                return true;
            }

            foreach (var file in commit.Files)
            {
                if (Changes(redactor, "path", file.Path) || Changes(redactor, "patch", file.Patch))
                {
                    return true;
                }
            }
        }

        if (ConfigContainsSecret(incident, redactor))
        {
            return true;
        }

        foreach (var d in incident.Deployments)
        {
            if (Changes(redactor, "service", d.Service) || Changes(redactor, "from_version", d.FromVersion) || Changes(redactor, "to_version", d.ToVersion))
            {
                return true;
            }
        }

        foreach (var span in incident.Traces)
        {
            if (Changes(redactor, "trace_id", span.TraceId) || Changes(redactor, "span_id", span.SpanId) || Changes(redactor, "parent_span_id", span.ParentSpanId)
                || Changes(redactor, "service", span.Service) || Changes(redactor, "operation", span.Operation))
            {
                return true;
            }
        }

        // Topology is written as {caller: [callee...]}: the caller is a key (by shape), each callee a value under it.
        foreach (var (caller, callees) in incident.Topology)
        {
            if (Changes(redactor, null, caller))
            {
                return true;
            }

            foreach (var callee in callees)
            {
                if (Changes(redactor, caller, callee))
                {
                    return true;
                }
            }
        }

        foreach (var (name, element) in incident.Extensions)
        {
            if (SectionContainsSecret(name, element, redactor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The rule <see cref="SreIncident.Redact"/> applies to one top-level section of the written document: a metric's
    /// name by shape and its numbers never; log entries and commits without a key; config_snapshot without one; every
    /// other section under its name.
    /// </summary>
    internal static bool SectionContainsSecret(string name, JsonElement value, SecretRedactor redactor) => name switch
    {
        "deployment_id" => value.ValueKind == JsonValueKind.String && Changes(redactor, "deployment_id", value.GetString()),
        "metrics" => value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any(m => Changes(redactor, null, m.Name)),
        "logs" or "recent_commits" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().Any(item => redactor.ContainsSecret(item, null)),
        _ => redactor.ContainsSecret(value, name == "config_snapshot" ? null : name),
    };

    // The converter writes {previous, current} when the previous config is known, else the current one when it has a field.
    private static bool ConfigContainsSecret(SreIncident incident, SecretRedactor redactor)
    {
        if (incident.ConfigPrevious is { } previous)
        {
            return redactor.ContainsSecret(previous, "previous") || redactor.ContainsSecret(incident.ConfigCurrent, "current");
        }

        var current = incident.ConfigCurrent;
        return current.ValueKind == JsonValueKind.Object && redactor.ContainsSecret(current, null);
    }

    private static bool Changes(SecretRedactor redactor, string? key, string? value) =>
        value is not null && !ReferenceEquals(key is null ? redactor.Redact(value) : redactor.Redact(key, value), value);
}
