namespace Alpha.Runtime.Llm;

/// <summary>
/// The model answered, but not with what was asked for (e.g. no JSON object in its reply). Carries the reply,
/// truncated, so the caller can log it and fall back.
/// </summary>
public sealed class ModelOutputException : Exception
{
    /// <summary>The longest reply kept in <see cref="RawText"/>.</summary>
    public const int MaxRawTextLength = 2000;

    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What was wrong, e.g. "contained no JSON object".</param>
    /// <param name="rawText">The model's reply (truncated to <see cref="MaxRawTextLength"/> characters).</param>
    /// <param name="innerException">The parse failure, if any.</param>
    public ModelOutputException(string problem, string? rawText, Exception? innerException = null)
        : base(Describe(problem, rawText), innerException)
    {
        RawText = Truncate(rawText ?? string.Empty, MaxRawTextLength);
    }

    /// <summary>The model's reply, truncated to <see cref="MaxRawTextLength"/> characters (marked with an ellipsis when cut).</summary>
    public string RawText { get; }

    private static string Describe(string problem, string? rawText) =>
        string.IsNullOrEmpty(rawText)
            ? $"The model's reply {problem}: the reply was empty."
            : $"The model's reply {problem}. Reply ({rawText.Length} chars): {Truncate(rawText, 300)}";

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
