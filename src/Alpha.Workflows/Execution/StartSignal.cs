namespace Alpha.Workflows.Execution;

/// <summary>The message that starts a run's framework workflow.</summary>
internal sealed record StartSignal(string RunId);
