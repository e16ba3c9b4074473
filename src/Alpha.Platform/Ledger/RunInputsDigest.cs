namespace Alpha.Platform.Ledger;

/// <summary>Inputs too big to keep in full, named by their content: the ledger keeps a bounded excerpt of them.</summary>
/// <param name="ContentHash">SHA-256 of the complete inputs JSON (UTF-8), lowercase hex.</param>
/// <param name="Chars">The size of the complete inputs in characters (UTF-16 code units, as <c>inputs_chars</c> counts).</param>
public sealed record RunInputsDigest(string ContentHash, long Chars);
