using Alpha.Runtime.Schemas;

namespace Alpha.Platform.Ledger;

/// <summary>The snake_case names statuses have in the ledger tables and in JSON.</summary>
public static class LedgerNames
{
    /// <summary>Every run status name.</summary>
    public static IReadOnlyList<string> RunStatuses => JsonEnumNames.All<RunStatus>();

    /// <summary>Every agent run status name.</summary>
    public static IReadOnlyList<string> AgentRunStatuses => JsonEnumNames.All<AgentRunStatus>();

    /// <summary>The name of a run status.</summary>
    public static string ToName(RunStatus status) => JsonEnumNames.ToName<RunStatus>(status);

    /// <summary>The name of an agent run status.</summary>
    public static string ToName(AgentRunStatus status) => JsonEnumNames.ToName<AgentRunStatus>(status);

    /// <summary>Parses a run status name.</summary>
    public static RunStatus ParseRunStatus(string name) => JsonEnumNames.Parse<RunStatus>(name, "run status");

    /// <summary>Parses an agent run status name.</summary>
    public static AgentRunStatus ParseAgentRunStatus(string name) => JsonEnumNames.Parse<AgentRunStatus>(name, "agent run status");

    /// <summary>True for the statuses a run never leaves.</summary>
    public static bool IsFinal(RunStatus status) => status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Capped;
}
