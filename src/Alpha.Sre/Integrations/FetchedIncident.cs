using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Integrations;

/// <summary>An incident read from the vendors, ready to be written as an Alpha incident document.</summary>
public sealed record FetchedIncident
{
    /// <summary>The deployment id (given or derived).</summary>
    public required string DeploymentId { get; init; }

    /// <summary>Window start.</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>Window end.</summary>
    public required DateTimeOffset WindowEnd { get; init; }

    /// <summary>The first sighting of the earliest Sentry issue that began inside the window (the onset); null when none did.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    /// <summary>Log entries from Sentry, oldest first.</summary>
    public IReadOnlyList<LogEntry> Logs { get; init; } = [];

    /// <summary>Commits from GitHub, oldest first.</summary>
    public IReadOnlyList<CommitInfo> Commits { get; init; } = [];

    /// <summary>What was left out or could not be read (page caps, commits without files, vanished issues).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Where each section came from, by vendor (<c>sentry</c>, <c>github</c>): URL, organisation, project, repository, ref.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Sources { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>The typed incident: logs, commits, detected_at and window, with <c>sources</c> kept as an extra top-level field.</summary>
    public SreIncident ToIncident()
    {
        var extensions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Sources.Count > 0)
        {
            extensions["sources"] = JsonSerializer.SerializeToElement(Sources, AlphaJson.Options);
        }

        return new SreIncident
        {
            DeploymentId = DeploymentId,
            DetectedAt = DetectedAt,
            WindowStart = WindowStart,
            WindowEnd = WindowEnd,
            Logs = Logs,
            Commits = Commits,
            Extensions = extensions,
        };
    }

    /// <summary>
    /// The incident document as indented JSON in the documented format (<see cref="SreIncidentJsonConverter"/>), with
    /// every secret replaced by its marker: vendor messages can carry credentials, and the file is meant to be shared.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(ToIncident().Redact(SecretRedactor.Default), AlphaJson.Indented);

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>, through a temporary file so a failure never leaves half a document.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, ToJson() + "\n", cancellationToken);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // a no-op after the move
        }
    }
}
