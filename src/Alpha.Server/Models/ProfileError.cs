namespace Alpha.Server.Models;

/// <summary>One problem of a vLLM profile file: the field, its line (1-based; null when the field is missing) and what to do.</summary>
public sealed record ProfileError(string Field, long? Line, string Message);
