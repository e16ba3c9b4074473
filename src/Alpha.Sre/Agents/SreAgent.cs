using Alpha.Runtime.Agents;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Agents;

/// <summary>
/// Base of the SRE specialists. Deterministic mode (no model client): <see cref="Reason"/>, a documented
/// rule base over the signals. LLM mode: the agent sends its signals and a bounded evidence sample to its
/// model and reads JSON claims (checked by the judge like any other); when the model call fails or its
/// reply holds no JSON at all, the agent falls back to its rules and says so in its result's notes.
/// </summary>
public abstract class SreAgent : BaseAgent
{
    /// <summary>Creates the agent.</summary>
    protected SreAgent(string name, IChatClient? chatClient) : base(name, chatClient)
    {
    }

    /// <summary>What the agent specialises in, for its prompt.</summary>
    protected abstract string Speciality { get; }

    /// <summary>The signals this agent reasons over.</summary>
    protected abstract IEnumerable<Signal> Relevant(IReadOnlyList<Signal> signals);

    /// <summary>The deterministic rule base.</summary>
    protected abstract IReadOnlyList<HypothesisClaim> Reason(SreIncident incident, IReadOnlyList<Signal> signals);

    /// <summary>A bounded sample of raw evidence for the model (default: none).</summary>
    protected virtual string EvidenceSample(SreIncident incident) => string.Empty;

    /// <inheritdoc />
    protected sealed override async Task<AgentResult> RunCoreAsync(AgentContext context, CancellationToken cancellationToken)
    {
        var incident = SreIncident.From(context.Incident);
        if (context.ChatClient is not { } client)
        {
            return new AgentResult(Name, Reason(incident, context.Signals)) { Mode = "deterministic" };
        }

        var relevant = Relevant(context.Signals).OrderByDescending(s => s.Severity).ThenByDescending(s => s.Strength()).ToArray();
        ChatMessage[] messages =
        [
            new(ChatRole.System, LlmClaims.SystemPrompt(Name, Speciality)),
            new(ChatRole.User, LlmClaims.UserPrompt(incident.DeploymentId, relevant, LlmClaims.Bound(EvidenceSample(incident), 6000))),
        ];
        try
        {
            var reply = await ChatJson.GetJsonAsync(client, messages, new ChatOptions { Temperature = 0 }, cancellationToken).ConfigureAwait(false);
            return new AgentResult(Name, LlmClaims.Read(reply.Value)) { Mode = "llm" };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new AgentResult(Name, Reason(incident, context.Signals))
            {
                Mode = "deterministic",
                Notes = [$"model call failed ({ex.GetType().Name}: {ex.Message}); fell back to the deterministic rules"],
            };
        }
    }
}
