namespace Alpha.Platform.Specs;

/// <summary>One agent: what it is, which model it uses, how it is prompted, what it may call and its limits.</summary>
/// <param name="Name">Unique agent spec name.</param>
/// <param name="Description">What the agent does.</param>
/// <param name="Model">A <c>provider/model</c> string, or <c>deterministic</c> for rule-based reasoning without a model.</param>
/// <param name="AgentKind">The implementation it instantiates: one of <see cref="AgentKinds"/>.</param>
/// <param name="SystemPrompt">The system prompt given to the model.</param>
/// <param name="Tools">Tools the agent may call.</param>
/// <param name="TimeoutSeconds">Its own timeout; null uses the runtime default.</param>
/// <param name="CostCaps">Its token cap per node execution.</param>
public sealed record AgentSpec(
    string Name,
    string? Description,
    string Model,
    string AgentKind,
    string? SystemPrompt = null,
    IReadOnlyList<string>? Tools = null,
    double? TimeoutSeconds = null,
    CostCaps? CostCaps = null)
    : Spec(Name, Description)
{
    /// <summary>The model value meaning "no model: reason from rules".</summary>
    public const string DeterministicModel = "deterministic";

    /// <summary>The agent implementations a spec may instantiate.</summary>
    public static IReadOnlyList<string> AgentKinds { get; } = ["log", "metrics", "commit", "config", "synthesis", "llm"];

    /// <inheritdoc />
    public override SpecKind Kind => SpecKind.Agent;
}
