namespace Alpha.Runtime.Events;

/// <summary>
/// The canonical progress frame every surface understands (CLI, SSE, WebSocket, ledger, MCP):
/// which task, which stage, a human message, when, and stage-specific extras.
/// </summary>
/// <param name="TaskId">The execution (or workflow run) id.</param>
/// <param name="Stage">Dotted stage name, e.g. <c>execution.started</c>, <c>agent.logs.completed</c>.</param>
/// <param name="Message">One line for a person.</param>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Extras">Machine-readable details of the stage.</param>
public sealed record Frame(
    string TaskId,
    string Stage,
    string Message,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, object?> Extras);
