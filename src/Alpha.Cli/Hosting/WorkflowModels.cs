using Alpha.Platform.Specs;
using Alpha.Runtime.Llm;
using Microsoft.Extensions.AI;

namespace Alpha.Cli.Hosting;

/// <summary>The model clients of workflow agents in every command that runs workflows: the endpoint from the environment.</summary>
internal static class WorkflowModels
{
    /// <summary>
    /// A client per agent spec through <see cref="LlmEndpoints.FromEnvironment(string, Func{string, string?})"/>; an agent
    /// whose model has no configured endpoint fails with <paramref name="missing"/>'s message (by default: what to set,
    /// or to use a deterministic model).
    /// </summary>
    public static Func<AgentSpec, IChatClient> From(CliContext cli, Func<AgentSpec, string>? missing = null) =>
        agent => new OpenAICompatibleChatClient(
            LlmEndpoints.FromEnvironment(agent.Model, cli.Environment)
            ?? throw new InvalidOperationException((missing ?? NoEndpoint)(agent)),
            cli.Time);

    private static string NoEndpoint(AgentSpec agent) =>
        $"agent '{agent.Name}' needs model '{agent.Model}', but no model endpoint is configured (set ALPHA_LLM_BASE_URL or OPENROUTER_API_KEY), or use model: {AgentSpec.DeterministicModel}";
}
