using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Adapters.Crew;

/// <summary>
/// The <c>crew</c> adapter: a manager agent plans and delegates tasks to worker agents over the framework's group
/// chat (<see cref="CrewGroupChatManager"/> picks the next speaker from the manager's answer). At most
/// <c>max_rounds</c> delegations; reaching the bound ends the node capped with the best answer so far. Every turn is a
/// <c>node.&lt;id&gt;.turn</c> frame (agent, role, round).
/// </summary>
internal sealed class CrewNodeBody(AgentSpec manager, IReadOnlyList<AgentSpec> workers, int maxRounds) : WorkflowNodeBody
{
    protected override async Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        CrewState? state = null;
        var session = new GroupChatSession(
            invocation,
            turn => EmitTurn(invocation, turn, RoundOf(turn, state!.Rounds)),
            cancellationToken);
        var workerNames = workers.Select(w => w.Name).ToArray();
        state = new CrewState(manager.Name, workerNames, maxRounds, session.Transcript);
        var managerAgent = session.CreateAgent(new GroupChatParticipant(manager, ManagerPrompt(), _ => DeterministicManager(session.Transcript)));
        var workerAgents = workers.ToDictionary(
            w => w.Name,
            w => session.CreateAgent(new GroupChatParticipant(w, WorkerPrompt(w), messages => DeterministicWorker(w, messages))),
            StringComparer.Ordinal);

        await session.RunAsync(
            [managerAgent, .. workerAgents.Values],
            _ => new CrewGroupChatManager(managerAgent, workerAgents, state, maxRounds, cancellationToken),
            AgentCall.Prompt(invocation),
            cancellationToken).ConfigureAwait(false);
        return state.Result();
    }

    /// <summary>A worker's turn belongs to the round that delegated it; a manager's DELEGATE opens the next round.</summary>
    private int RoundOf(ChatTurn turn, int rounds) =>
        turn.Agent == manager.Name && CrewDirective.Parse(turn.Text) is { Done: false } ? rounds + 1 : rounds;

    private void EmitTurn(NodeInvocation invocation, ChatTurn turn, int round)
    {
        var role = turn.Agent == manager.Name ? "manager" : "worker";
        invocation.EmitFrame?.Invoke("turn", $"{turn.Agent} ({role}, round {round}): {Excerpt(turn.Text)}", new
        {
            node = invocation.NodeId,
            agent = turn.Agent,
            role,
            round,
            turn = turn.Index + 1,
            text = turn.Text,
        });
    }

    private string ManagerPrompt() =>
        $"""
        {manager.SystemPrompt}

        You manage a crew. Workers: {string.Join("; ", workers.Select(w => $"{w.Name} ({w.Description ?? "no description"})"))}.
        Plan the work, then hand it out one task at a time; each worker's report comes back to you.
        Reply with one directive line: "DELEGATE <worker>: <task>" to give a worker a task, or
        "DONE: <final answer>" when the work is complete. You may delegate at most {maxRounds} times.
        """.Trim();

    private static string WorkerPrompt(AgentSpec worker) =>
        $"{worker.SystemPrompt}\n\nYou are a worker in a crew: do the task the manager gives you and reply with your result.".Trim();

    /// <summary>A deterministic manager delegates one task to each worker in order, then says DONE with their reports.</summary>
    private string DeterministicManager(GroupChatTranscript transcript)
    {
        var reports = transcript.Turns.Where(t => t.Agent != manager.Name).ToArray();
        if (reports.Length < workers.Count)
        {
            var next = workers[reports.Length];
            return $"DELEGATE {next.Name}: {next.Description ?? "report what you read in the inputs"}";
        }

        return $"DONE: {string.Join("; ", reports.Select(r => r.Text))}";
    }

    /// <summary>A deterministic worker reports the task it was given (the manager's last directive naming it).</summary>
    private static string DeterministicWorker(AgentSpec worker, IReadOnlyList<ChatMessage> messages)
    {
        var task = messages.Select(m => CrewDirective.Parse(m.Text)).LastOrDefault(d => d?.Worker == worker.Name)?.Text ?? "the inputs";
        return $"{worker.Name}: did '{task}' over {messages.Count} message(s)";
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..120] + "...";
}
