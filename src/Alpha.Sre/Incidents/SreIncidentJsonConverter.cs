using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Writes an <see cref="SreIncident"/> in the documented incident format (docs/incident-format.md), so that
/// reading the output back gives the same incident; reads one through <see cref="SreIncidentReader"/>. Absent
/// values are left out (the reader takes a missing field as unknown). Times are ISO-8601 UTC, series samples
/// <c>[unix milliseconds, value]</c> pairs (exact on the way back; an ISO string when milliseconds are not), single untimed samples plain numbers.
/// </summary>
public sealed class SreIncidentJsonConverter : JsonConverter<SreIncident>
{
    private const int FlushBytes = 1 << 20;

    /// <summary>An ISO-8601 UTC timestamp, fractional seconds only when present: <c>2026-04-02T13:00:00Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override SreIncident Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return SreIncidentReader.Read(document.RootElement, "incident");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SreIncident value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("deployment_id", value.DeploymentId);
        WriteTime(writer, "detected_at", value.DetectedAt);
        if (value.WindowStart is not null || value.WindowEnd is not null)
        {
            writer.WriteStartObject("window");
            WriteTime(writer, "start", value.WindowStart);
            WriteTime(writer, "end", value.WindowEnd);
            writer.WriteEndObject();
        }

        if (value.Alert is { } alert)
        {
            writer.WriteStartObject("alert");
            writer.WriteString("service", alert.Service);
            writer.WriteString("metric", alert.Metric);
            WriteTime(writer, "at", alert.At);
            writer.WriteEndObject();
        }

        if (value.Logs.Count > 0)
        {
            writer.WriteStartArray("logs");
            foreach (var log in value.Logs)
            {
                WriteLog(writer, log);
                if (writer.BytesPending > FlushBytes)
                {
                    writer.Flush(); // millions of lines: hand them on (to a stream or buffer) as they are written
                }
            }

            writer.WriteEndArray();
        }

        if (value.Metrics.Count > 0)
        {
            writer.WriteStartObject("metrics");
            foreach (var series in value.Metrics)
            {
                WriteSeries(writer, series);
            }

            writer.WriteEndObject();
        }

        if (value.Commits.Count > 0)
        {
            writer.WriteStartArray("recent_commits");
            foreach (var commit in value.Commits)
            {
                WriteCommit(writer, commit);
            }

            writer.WriteEndArray();
        }

        WriteConfig(writer, value);
        if (value.Deployments.Count > 0)
        {
            writer.WriteStartArray("deployments");
            foreach (var d in value.Deployments)
            {
                writer.WriteStartObject();
                writer.WriteString("service", d.Service);
                WriteString(writer, "from_version", d.FromVersion);
                WriteString(writer, "to_version", d.ToVersion);
                WriteTime(writer, "started_at", d.StartedAt);
                WriteTime(writer, "completed_at", d.CompletedAt);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (value.Traces.Count > 0)
        {
            writer.WriteStartArray("traces");
            foreach (var span in value.Traces)
            {
                WriteSpan(writer, span);
            }

            writer.WriteEndArray();
        }

        if (value.Topology.Count > 0)
        {
            writer.WriteStartObject("topology");
            foreach (var (caller, callees) in value.Topology)
            {
                writer.WriteStartArray(caller);
                foreach (var callee in callees)
                {
                    writer.WriteStringValue(callee);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        foreach (var (name, element) in value.Extensions)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static void WriteLog(Utf8JsonWriter writer, LogEntry log)
    {
        if (log is { Timestamp: null, Service: null, Level: null, TraceId: null })
        {
            writer.WriteStringValue(log.Message);
            return;
        }

        writer.WriteStartObject();
        WriteTime(writer, "timestamp", log.Timestamp);
        WriteString(writer, "service", log.Service);
        WriteString(writer, "level", log.Level);
        writer.WriteString("message", log.Message);
        WriteString(writer, "trace_id", log.TraceId);
        writer.WriteEndObject();
    }

    private static void WriteSeries(Utf8JsonWriter writer, MetricSeries series)
    {
        if (series.Baseline is { } baseline && series.Points is [{ Timestamp: null } current])
        {
            writer.WriteStartObject(series.Key);
            writer.WriteNumber("baseline", baseline);
            writer.WriteNumber("current", current.Value);
            writer.WriteEndObject();
            return;
        }

        if (series.Points is [{ Timestamp: null } only])
        {
            writer.WriteNumber(series.Key, only.Value);
            return;
        }

        writer.WriteStartArray(series.Key);
        foreach (var point in series.Points)
        {
            if (point.Timestamp is { } at)
            {
                writer.WriteStartArray();
                var ms = at.ToUnixTimeMilliseconds();
                if (ms > 1e11 && at.UtcTicks % TimeSpan.TicksPerMillisecond == 0)
                {
                    writer.WriteNumberValue(ms);
                }
                else
                {
                    writer.WriteStringValue(Time(at)); // before 1973 or finer than a millisecond: a number would read back differently
                }

                writer.WriteNumberValue(point.Value);
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteNumberValue(point.Value);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteCommit(Utf8JsonWriter writer, CommitInfo commit)
    {
        writer.WriteStartObject();
        writer.WriteString("sha", commit.Sha);
        WriteString(writer, "author", commit.Author);
        WriteTime(writer, "timestamp", commit.Timestamp);
        writer.WriteString("message", commit.Message);
        WriteString(writer, "service", commit.Service);
        writer.WriteStartArray("files");
        foreach (var file in commit.Files)
        {
            writer.WriteStartObject();
            writer.WriteString("path", file.Path);
            writer.WriteNumber("additions", file.Additions);
            writer.WriteNumber("deletions", file.Deletions);
            WriteString(writer, "patch", file.Patch);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter writer, TraceSpan span)
    {
        writer.WriteStartObject();
        writer.WriteString("trace_id", span.TraceId);
        writer.WriteString("span_id", span.SpanId);
        WriteString(writer, "parent_span_id", span.ParentSpanId);
        writer.WriteString("service", span.Service);
        WriteString(writer, "operation", span.Operation);
        WriteTime(writer, "start", span.Start);
        writer.WriteNumber("duration_ms", span.DurationMs);
        writer.WriteBoolean("error", span.Error);
        writer.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter writer, SreIncident value)
    {
        if (value.ConfigPrevious is { } previous)
        {
            writer.WriteStartObject("config_snapshot");
            writer.WritePropertyName("previous");
            previous.WriteTo(writer);
            writer.WritePropertyName("current");
            value.ConfigCurrent.WriteTo(writer);
            writer.WriteEndObject();
        }
        else if (value.ConfigCurrent.ValueKind == JsonValueKind.Object && value.ConfigCurrent.EnumerateObject().Any())
        {
            writer.WritePropertyName("config_snapshot");
            value.ConfigCurrent.WriteTo(writer);
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, Time(time));
        }
    }
}
