namespace Alpha.Workflows.Adapters.GroupChat;

/// <summary>One answered turn of a group chat.</summary>
/// <param name="Index">0-based position in the chat.</param>
/// <param name="Agent">The agent spec that spoke.</param>
/// <param name="Text">What it said.</param>
public sealed record ChatTurn(int Index, string Agent, string Text);
