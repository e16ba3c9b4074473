namespace Alpha.Platform.Ledger;

/// <summary>One progress frame of a run (<c>run_frames</c>), in emission order.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Sequence">Order within the run, from 1.</param>
/// <param name="TaskId">The frame's task (execution) id.</param>
/// <param name="Stage">Dotted stage name, e.g. <c>agent.logs.completed</c>.</param>
/// <param name="Message">One line for a person.</param>
/// <param name="EmittedAt">When it was emitted.</param>
/// <param name="Extras">Stage-specific details as a JSON object.</param>
public sealed record RunFrame(string RunId, long Sequence, string TaskId, string Stage, string Message, DateTimeOffset EmittedAt, string Extras);
