using Alpha.Platform.Specs;
using Microsoft.Extensions.AI;

namespace Alpha.Workflows.Adapters.GroupChat;

/// <summary>One agent of a group-chat node, as the framework's chat agent will run it.</summary>
/// <param name="Spec">The agent spec (its model decides between the runtime's model client and <paramref name="Deterministic"/>).</param>
/// <param name="SystemPrompt">The system prompt for this role (the spec's prompt plus the role's protocol).</param>
/// <param name="Deterministic">The answer of a <c>deterministic</c> agent, from the messages it is given.</param>
public sealed record GroupChatParticipant(AgentSpec Spec, string? SystemPrompt, Func<IReadOnlyList<ChatMessage>, string> Deterministic);
