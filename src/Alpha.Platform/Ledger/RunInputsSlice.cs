namespace Alpha.Platform.Ledger;

/// <summary>A slice of a run's inputs (JSON text), read without loading the rest.</summary>
/// <param name="Text">The characters from <paramref name="Offset"/> on (possibly fewer than asked at the end).</param>
/// <param name="Offset">Where the slice starts, in characters (0-based).</param>
/// <param name="TotalChars">The size of the whole inputs, in characters.</param>
public sealed record RunInputsSlice(string Text, long Offset, long TotalChars)
{
    /// <summary>True when the slice reaches the end of the inputs.</summary>
    public bool IsLast => Offset + Text.Length >= TotalChars;
}
