namespace Alpha.Cli.Rendering;

/// <summary>What the display knows about one agent, built from events.</summary>
internal sealed class AgentView(string name)
{
    public string Name { get; } = name;

    public string Status { get; set; } = "waiting";

    public string Mode { get; set; } = "";

    public DateTimeOffset? StartedAt { get; set; }

    public double? ElapsedMs { get; set; }

    public int Hypotheses { get; set; }

    public int ModelCalls { get; set; }

    public long Tokens { get; set; }

    public string? Detail { get; set; }

    public bool IsFinished => Status is "completed" or "failed" or "timed out" or "cancelled";
}
