namespace Alpha.Mcp.Tests;

/// <summary>Incidents the tests send: a shipped example (by path) and a small one with a secret in its config.</summary>
internal static class Incidents
{
    /// <summary>A provider key that must never come back from a tool.</summary>
    public const string Secret = "sk-live-0123456789abcdefghijklmnop";

    public const string WithSecret = """
        {"deployment_id": "deploy-123",
         "logs": ["ERROR: connection pool exhausted", "WARN: slow query"],
         "metrics": {"cpu_usage": 0.45, "db_connections": 100},
         "recent_commits": [{"sha": "a1b2c3", "message": "reduce db pool size"}],
         "config_snapshot": {"db_pool_size": 10, "api_key": "sk-live-0123456789abcdefghijklmnop"}}
        """;

    /// <summary>examples/incidents/disk-full-logs.yaml of this repository.</summary>
    public static string DiskFull { get; } = Path.Combine(Directory.GetParent(Alpha.Testing.SpecExamples.Root)!.FullName, "incidents", "disk-full-logs.yaml");
}
