namespace Alpha.Runtime.Schemas;

/// <summary>The JSON names of <see cref="AgentStatus"/> (completed, timed_out, failed, cancelled).</summary>
public static class AgentStatusNames
{
    /// <summary>The JSON name of <paramref name="status"/>.</summary>
    public static string ToName(AgentStatus status) =>
        Enum.IsDefined(status) ? JsonEnumNames.ToName<AgentStatus>(status) : status.ToString();
}
