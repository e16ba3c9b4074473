namespace Alpha.Runtime.Schemas;

/// <summary>The JSON names of <see cref="AgentStatus"/> (completed, timed_out, failed, cancelled).</summary>
public static class AgentStatusNames
{
    /// <summary>The JSON name of <paramref name="status"/>.</summary>
    public static string ToName(AgentStatus status) => status switch
    {
        AgentStatus.Completed => "completed",
        AgentStatus.TimedOut => "timed_out",
        AgentStatus.Failed => "failed",
        AgentStatus.Cancelled => "cancelled",
        _ => status.ToString(),
    };
}
