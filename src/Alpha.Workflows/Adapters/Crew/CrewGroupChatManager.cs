using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Adapters.Crew;

/// <summary>
/// The crew's group chat manager: the manager agent speaks first and after every worker; after the manager the
/// worker its answer delegated to speaks. The chat ends when the manager says DONE, asks for a round past
/// <c>max_rounds</c>, answers something that is not a directive, or the node is killed (checked before every turn).
/// </summary>
internal sealed class CrewGroupChatManager : GroupChatManager
{
    private readonly AIAgent _manager;
    private readonly IReadOnlyDictionary<string, AIAgent> _workers;
    private readonly CrewState _state;
    private readonly CancellationToken _nodeToken;

    public CrewGroupChatManager(AIAgent manager, IReadOnlyDictionary<string, AIAgent> workers, CrewState state, int maxRounds, CancellationToken nodeToken)
    {
        _manager = manager;
        _workers = workers;
        _state = state;
        _nodeToken = nodeToken;
        // A backstop only: the crew's own bound (max_rounds) ends the chat first; each round is a manager turn and a worker turn.
        MaximumIterationCount = (2 * maxRounds) + 2;
    }

    protected override ValueTask<AIAgent> SelectNextAgentAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken = default) =>
        new(_state.Delegated is { } worker ? _workers[worker] : _manager);

    protected override ValueTask<bool> ShouldTerminateAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken = default) =>
        new(_state.ShouldEnd(_nodeToken) || IterationCount >= MaximumIterationCount);
}
