namespace Alpha.Workflows.Llm;

/// <summary>Recorded replay met a model call that the original run did not record.</summary>
public sealed class ReplayMissException(string message) : Exception(message);
