using System.Text.Json;
using System.Text.Json.Serialization;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;

namespace Alpha.Sre.Incidents;

/// <summary>
/// An incident in the SRE vertical's typed form: read once from the document by <see cref="SreIncidentReader"/>
/// (or built directly by an importer), carried through the runtime in <see cref="IncidentInput.Model"/>, and
/// written back in the documented format by <see cref="SreIncidentJsonConverter"/>. See docs/incident-format.md.
/// </summary>
[JsonConverter(typeof(SreIncidentJsonConverter))]
public sealed record SreIncident : IRedactableModel
{
    internal static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    internal static readonly IReadOnlyDictionary<string, JsonElement> NoExtensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    /// <summary>The deployment or incident id.</summary>
    public required string DeploymentId { get; init; }

    /// <summary>Log entries, in the order given.</summary>
    public IReadOnlyList<LogEntry> Logs { get; init; } = [];

    /// <summary>Metric series.</summary>
    public IReadOnlyList<MetricSeries> Metrics { get; init; } = [];

    /// <summary>Recent commits.</summary>
    public IReadOnlyList<CommitInfo> Commits { get; init; } = [];

    /// <summary>The configuration now (an object; empty when not given).</summary>
    public JsonElement ConfigCurrent { get; init; } = EmptyObject;

    /// <summary>The configuration before, when the snapshot was given as <c>{previous, current}</c>.</summary>
    public JsonElement? ConfigPrevious { get; init; }

    /// <summary>Recent rollouts.</summary>
    public IReadOnlyList<Deployment> Deployments { get; init; } = [];

    /// <summary>Trace spans.</summary>
    public IReadOnlyList<TraceSpan> Traces { get; init; } = [];

    /// <summary>Call graph: service -> the services it calls.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Topology { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The alert that opened the incident (the symptom the on-call engineer was paged for), when given.</summary>
    public IncidentAlert? Alert { get; init; }

    /// <summary>When the incident was detected (alert time), when given.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>Start of the incident window, when given.</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>End of the incident window, when given.</summary>
    public DateTimeOffset? WindowEnd { get; init; }

    /// <summary>Any other top-level fields of the document (e.g. <c>sources</c> of a fetched incident), kept as written.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = NoExtensions;

    /// <summary>The runtime's incident, carrying this one as its model.</summary>
    public IncidentInput ToInput() => new(DeploymentId, this);

    /// <summary>The SRE incident <paramref name="input"/> carries (what agents and extractors read).</summary>
    /// <exception cref="InvalidOperationException">It carries another vertical's model, or none.</exception>
    public static SreIncident From(IncidentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.As<SreIncident>();
    }

    /// <summary>
    /// A copy with every secret replaced by its marker (log lines and entries, metric names, commits, config with its
    /// keys, deployments and every other section, each under its key as in the document); this instance when it holds none.
    /// </summary>
    public object Redact(SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);

        // The log entries one by one, never as one document (a big incident has millions); then the rest.
        var logs = RedactLogs(Logs, redactor);
        var rest = Logs.Count == 0 ? this : this with { Logs = [] };
        var redacted = rest.RedactSections(redactor);
        if (ReferenceEquals(redacted, rest) && ReferenceEquals(logs, Logs))
        {
            return this;
        }

        return redacted with { Logs = logs };
    }

    // Each entry as the document holds it: a plain line by shape, an entry's service, level and message by shape (none
    // of their keys is secret, and a time is never one). The same list when nothing changed. A LogBook remembers the
    // redactor that has been through it, so that the CLI, the runtime and the ledger scan its lines once.
    private static IReadOnlyList<LogEntry> RedactLogs(IReadOnlyList<LogEntry> logs, SecretRedactor redactor)
    {
        var book = logs as LogBook;
        if (book is not null && ReferenceEquals(book.RedactedBy, redactor))
        {
            return logs;
        }

        List<LogEntry>? list = null;
        LogBook? copy = null;
        var i = 0;
        foreach (var entry in logs)
        {
            var message = redactor.Redact(entry.Message);
            var service = entry.Service is { } s ? redactor.Redact(s) : null;
            var level = entry.Level is { } l ? redactor.Redact(l) : null;
            var trace = entry.TraceId is { } t ? redactor.Redact(t) : null;
            var changed = !ReferenceEquals(message, entry.Message) || !ReferenceEquals(service, entry.Service) || !ReferenceEquals(level, entry.Level) || !ReferenceEquals(trace, entry.TraceId);
            if (changed && list is null && copy is null)
            {
                // The first change: copy what came before it.
                if (book is not null)
                {
                    copy = new LogBook();
                    for (var j = 0; j < i; j++)
                    {
                        copy.Add(book[j]);
                    }
                }
                else
                {
                    list = [.. logs.Take(i)];
                }
            }

            var kept = changed ? entry with { Message = message, Service = service, Level = level, TraceId = trace } : entry;
            copy?.Add(kept);
            list?.Add(kept);
            i++;
        }

        if (copy is not null)
        {
            copy.RedactedBy = redactor;
            return copy;
        }

        if (list is not null)
        {
            return list;
        }

        if (book is not null)
        {
            book.RedactedBy = redactor;
        }

        return logs;
    }

    private SreIncident RedactSections(SecretRedactor redactor)
    {
        if (!SreIncidentSecretScan.ContainsSecret(this, redactor))
        {
            return this; // most incidents hold no secret: nothing is written out or copied
        }

        var document = JsonSerializer.SerializeToElement(this, AlphaJson.Options);

        var changed = false;
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var section in document.EnumerateObject())
            {
                switch (section.Name)
                {
                    case "deployment_id":
                        var id = section.Value.GetString()!;
                        var newId = redactor.Redact("deployment_id", id);
                        changed |= !ReferenceEquals(id, newId);
                        writer.WriteString(section.Name, newId);
                        break;
                    case "metrics":
                        writer.WriteStartObject(section.Name);
                        foreach (var metric in section.Value.EnumerateObject())
                        {
                            // JsonProperty.Name makes a new string on each read: compare against one read.
                            var original = metric.Name;
                            var name = redactor.Redact(original);
                            changed |= !ReferenceEquals(name, original);
                            writer.WritePropertyName(name);
                            metric.Value.WriteTo(writer); // a metric's numbers are never secret, whatever its name
                        }

                        writer.WriteEndObject();
                        break;
                    case "logs" or "recent_commits":
                        writer.WriteStartArray(section.Name);
                        foreach (var item in section.Value.EnumerateArray())
                        {
                            var redacted = redactor.Redact(item, null);
                            changed |= !SecretRedactor.SameElement(redacted, item);
                            redacted.WriteTo(writer);
                        }

                        writer.WriteEndArray();
                        break;
                    default:
                        var value = redactor.Redact(section.Value, section.Name == "config_snapshot" ? null : section.Name);
                        changed |= !SecretRedactor.SameElement(value, section.Value);
                        writer.WritePropertyName(section.Name);
                        value.WriteTo(writer);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        if (!changed)
        {
            return this;
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return SreIncidentReader.Read(JsonElement.ParseValue(ref reader), "incident");
    }

    /// <summary>Every service the incident mentions (metrics, logs, commits, deployments, traces, topology), sorted.</summary>
    public IReadOnlyList<string> Services
    {
        get
        {
            // A loop rather than a LINQ chain: signal extraction asks for this on every analysis.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in Metrics)
            {
                Add(m.Service);
            }

            // A log book keeps its services apart: no entry is materialised to read them.
            foreach (var service in Logs is LogBook book ? book.Services : Logs.Select(l => l.Service))
            {
                Add(service);
            }

            foreach (var c in Commits)
            {
                Add(c.Service);
            }

            foreach (var d in Deployments)
            {
                Add(d.Service);
            }

            foreach (var t in Traces)
            {
                Add(t.Service);
            }

            foreach (var (caller, callees) in Topology)
            {
                Add(caller);
                foreach (var callee in callees)
                {
                    Add(callee);
                }
            }

            var services = new string[seen.Count];
            seen.CopyTo(services);
            Array.Sort(services, StringComparer.Ordinal);
            return services;

            void Add(string? service)
            {
                if (service is not null)
                {
                    seen.Add(service);
                }
            }
        }
    }
}
