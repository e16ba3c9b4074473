namespace Alpha.Platform.Ledger;

/// <summary>The snake_case names statuses have in the ledger tables and in JSON.</summary>
public static class LedgerNames
{
    /// <summary>Every run status name.</summary>
    public static IReadOnlyList<string> RunStatuses { get; } = ["pending", "running", "completed", "failed", "cancelled", "capped"];

    /// <summary>Every agent run status name.</summary>
    public static IReadOnlyList<string> AgentRunStatuses { get; } = ["completed", "failed", "timed_out", "cancelled", "capped"];

    /// <summary>The name of a run status.</summary>
    public static string ToName(RunStatus status) => RunStatuses[(int)status];

    /// <summary>The name of an agent run status.</summary>
    public static string ToName(AgentRunStatus status) => AgentRunStatuses[(int)status];

    /// <summary>Parses a run status name.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static RunStatus ParseRunStatus(string name)
    {
        var index = RunStatuses.IndexOf(name);
        return index >= 0 ? (RunStatus)index : throw new FormatException($"'{name}' is not a run status.");
    }

    /// <summary>Parses an agent run status name.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static AgentRunStatus ParseAgentRunStatus(string name)
    {
        var index = AgentRunStatuses.IndexOf(name);
        return index >= 0 ? (AgentRunStatus)index : throw new FormatException($"'{name}' is not an agent run status.");
    }

    /// <summary>True for the statuses a run never leaves.</summary>
    public static bool IsFinal(RunStatus status) => status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Capped;

    private static int IndexOf(this IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
