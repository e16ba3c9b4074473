namespace Alpha.Platform.Ledger;

/// <summary>How one node execution (agent run) ended. Agent runs are written once, when they end.</summary>
public enum AgentRunStatus
{
    /// <summary>The agent returned a result.</summary>
    Completed,

    /// <summary>The agent threw or returned something unusable.</summary>
    Failed,

    /// <summary>The agent exceeded its timeout.</summary>
    TimedOut,

    /// <summary>The run was cancelled while the agent worked.</summary>
    Cancelled,

    /// <summary>The agent was stopped by its token cap.</summary>
    Capped,
}
