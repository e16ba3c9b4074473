namespace Alpha.Sre.Signals.Commits;

/// <summary>
/// Risky areas of a change, read from file paths, commit messages and added patch lines with generic
/// words (no repository-specific names). Each area also suggests the fault mechanism it can cause.
/// </summary>
public static class ChangeRisk
{
    private static readonly (string Area, string Fault, string[] PathWords, string[] TextWords)[] Areas =
    [
        ("connection-pool", FaultTypes.ConnectionPool, ["pool"], ["pool", "maxpoolsize", "max_connections", "maxconnections", "connection limit"]),
        ("timeouts", FaultTypes.NetworkDelay, [], ["timeout", "deadline", "retry", "retries", "backoff"]),
        ("memory", FaultTypes.Memory, ["cache"], ["cache", "buffer", "heap", "leak", "memory", "xmx", "allocat"]),
        ("cpu", FaultTypes.Cpu, [], ["while (true)", "while(true)", "for (;;)", "busy", "spin", "hot loop", "tight loop", "regex", "hash rounds", "bcrypt", "cpu"]),
        ("disk", FaultTypes.Disk, ["logback", "log4j", "logging"], ["log level", "debug logging", "loglevel", "verbose", "disk", "retention", "rotate", "rotation"]),
        ("database", FaultTypes.DependencyFailure, ["migration", "migrations", "schema", ".sql", "/db/", "repository"], ["migration", "schema", "index", "query", "sql", "database"]),
        ("dependency-bump", FaultTypes.BadDeploy, ["package.json", "package-lock.json", "go.mod", "go.sum", "pom.xml", "build.gradle", "requirements.txt", ".csproj", "cargo.toml", "gemfile", "yarn.lock", "directory.packages.props"], ["bump", "upgrade", "dependency", "dependencies"]),
        ("config", FaultTypes.ConfigChange, [".yaml", ".yml", ".json", ".ini", ".properties", ".env", ".conf", ".toml", "config", "settings"], ["config", "flag", "feature"]),
        ("endpoints", FaultTypes.DependencyFailure, [], ["endpoint", "url", "host", "dns"]),
    ];

    /// <summary>The risky areas a change touches, each with the fault mechanism it suggests.</summary>
    public static IReadOnlyList<(string Area, string Fault)> Assess(IEnumerable<string> paths, string message, IEnumerable<string> addedLines)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(addedLines);
        var lowerPaths = paths.Select(p => p.ToLowerInvariant()).ToArray();
        var text = (message + "\n" + string.Join('\n', addedLines)).ToLowerInvariant();
        var found = new List<(string, string)>();
        foreach (var (area, fault, pathWords, textWords) in Areas)
        {
            if (pathWords.Any(w => lowerPaths.Any(p => p.Contains(w, StringComparison.Ordinal))) || textWords.Any(w => text.Contains(w, StringComparison.Ordinal)))
            {
                found.Add((area, fault));
            }
        }

        return found;
    }

    /// <summary>Lines a unified diff adds (without the leading '+').</summary>
    public static IEnumerable<string> AddedLines(string? patch)
    {
        if (string.IsNullOrEmpty(patch))
        {
            yield break;
        }

        foreach (var line in patch.Split('\n'))
        {
            if (line.StartsWith('+') && !line.StartsWith("+++", StringComparison.Ordinal))
            {
                yield return line[1..];
            }
        }
    }
}
