using System.Globalization;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Evidence;

namespace Alpha.Sre.Signals.Commits;

/// <summary>
/// Signals for recent commits and deployments: when they happened against the incident onset, their size,
/// the service they belong to (given, or the known service their paths name) and the risky areas they
/// touch (<see cref="ChangeRisk"/>). Changes after the onset cannot have caused it and are reported low.
/// </summary>
public static class ChangeSignalExtractor
{
    /// <summary>Changes within this span before the onset count as recent.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    /// <summary>Adds commit and deployment signals.</summary>
    public static void Extract(SreIncident incident, DateTimeOffset? onset, SignalBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(builder);
        IReadOnlyList<string>? services = null; // only needed for a commit that names no service
        foreach (var commit in incident.Commits)
        {
            var paths = commit.Files.Select(f => f.Path).ToArray();
            var added = commit.Files.SelectMany(f => ChangeRisk.AddedLines(f.Patch)).ToArray();
            var risks = ChangeRisk.Assess(paths, commit.Message, added);
            var service = commit.Service ?? InferService(services ??= incident.Services, paths, commit.Message);
            var size = commit.Files.Sum(f => f.Additions + f.Deletions);
            var (timing, before) = Timing(commit.Timestamp, onset);
            var severity = !before ? Severity.Low
                : risks.Count > 0 && (timing is not null) ? Severity.High
                : risks.Count > 0 || timing is not null ? Severity.Medium
                : Severity.Low;
            var when = timing is { } m ? string.Create(CultureInfo.InvariantCulture, $", {m:0} min before onset") : before ? "" : ", after onset";
            var risky = risks.Count > 0 ? $"; touches {string.Join(", ", risks.Select(r => r.Area))}" : "";
            builder.Add(
                SignalTypes.Commit,
                $"commit {Short(commit.Sha)} \"{FirstLine(commit.Message)}\"{(service is null ? "" : $" in {service}")} ({size} lines, {paths.Length} files{when}){risky}",
                severity,
                "commits",
                size,
                service,
                commit.Timestamp,
                new CommitRisk(commit.Sha, [.. risks.Select(r => r.Area)], [.. risks.Select(r => r.Fault).Distinct()], paths, size, before, WholeMinutes(timing)));
        }

        foreach (var deployment in incident.Deployments)
        {
            var at = deployment.CompletedAt ?? deployment.StartedAt;
            var (timing, before) = Timing(deployment.StartedAt ?? deployment.CompletedAt, onset);
            builder.Add(
                SignalTypes.Deployment,
                $"deployment of {deployment.Service} {deployment.FromVersion ?? "?"} -> {deployment.ToVersion ?? "?"}{(timing is { } mm ? string.Create(CultureInfo.InvariantCulture, $", {mm:0} min before onset") : before ? "" : ", after onset")}",
                !before ? Severity.Low : timing is not null ? Severity.High : Severity.Medium,
                "deployments",
                timing,
                deployment.Service,
                at,
                new DeploymentChange(NullIfEmpty(deployment.FromVersion), NullIfEmpty(deployment.ToVersion), before, WholeMinutes(timing)));
        }
    }

    /// <summary>Whole minutes (the confidence rules work on whole minutes).</summary>
    private static double? WholeMinutes(double? minutes) => minutes is { } m ? Math.Round(m, MidpointRounding.AwayFromZero) : null;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Minutes before the onset when within <see cref="RecentWindow"/>, and whether the change came before the onset at all.</summary>
    private static (double? MinutesBefore, bool Before) Timing(DateTimeOffset? at, DateTimeOffset? onset)
    {
        if (at is null || onset is null)
        {
            return (null, true);
        }

        var before = onset.Value - at.Value;
        if (before < TimeSpan.Zero)
        {
            return (null, false);
        }

        return before <= RecentWindow ? (before.TotalMinutes, true) : (null, true);
    }

    /// <summary>The known service whose name appears in the paths (as a path segment) or the message.</summary>
    internal static string? InferService(IReadOnlyList<string> services, IReadOnlyList<string> paths, string message)
    {
        foreach (var service in services.OrderByDescending(s => s.Length))
        {
            if (paths.Any(p => p.Split('/', '\\').Any(seg => seg.Equals(service, StringComparison.OrdinalIgnoreCase)))
                || message.Contains(service, StringComparison.OrdinalIgnoreCase))
            {
                return service;
            }
        }

        return null;
    }

    private static string Short(string sha) => sha.Length > 8 ? sha[..8] : sha;

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 80 ? line[..80] + "..." : line;
    }
}
