using Alpha.Runtime.Agents;
using Alpha.Runtime.Schemas;
using Microsoft.Extensions.AI;

namespace Alpha.Sre.Analysis;

/// <summary>
/// The <see cref="SynthesisAgent"/> of one execution as an agent the runtime's executor can run after ranking
/// (so it has its own started/completed events, timeout and recorded model calls). It proposes no hypothesis;
/// its result carries the synthesis's mode and notes, and <see cref="Synthesis"/> holds what it wrote.
/// </summary>
internal sealed class SynthesisStage(ExecutionResult result, IChatClient? chatClient) : BaseAgent(Agents.SreAgents.Synthesis, chatClient)
{
    /// <summary>What the synthesis wrote, once it completed.</summary>
    public Synthesis? Synthesis { get; private set; }

    /// <inheritdoc />
    protected override async Task<AgentResult> RunCoreAsync(AgentContext context, CancellationToken cancellationToken)
    {
        var synthesis = await new SynthesisAgent(context.ChatClient).SynthesizeAsync(result, cancellationToken).ConfigureAwait(false);
        Synthesis = synthesis;
        return new AgentResult(Name, []) { Mode = synthesis.Mode, Notes = synthesis.Notes };
    }
}
