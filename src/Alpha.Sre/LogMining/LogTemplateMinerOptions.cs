namespace Alpha.Sre.LogMining;

/// <summary>Settings of a <see cref="LogTemplateMiner"/>. The defaults are the one configuration used for every system.</summary>
public sealed record LogTemplateMinerOptions
{
    /// <summary>The least share of a template's tokens a line must agree with to join it (0..1).</summary>
    public double SimilarityThreshold { get; init; } = 0.5;

    /// <summary>How many leading tokens route a line through the parse tree before templates are compared (1..8).</summary>
    public int Depth { get; init; } = 2;

    /// <summary>The most children a tree node keeps before further distinct tokens share a wildcard child.</summary>
    public int MaxChildren { get; init; } = 100;

    /// <summary>Whether values (numbers, ids, addresses, paths...) are masked before lines are compared.</summary>
    public bool MaskVariables { get; init; } = true;

    /// <summary>
    /// From this many lines on, a template's constant words are settled: a line that differs from it in a plain
    /// word no longer turns that word into a variable but starts another template.
    /// </summary>
    public int SettledAfterLines { get; init; } = 8;

    /// <summary>
    /// Templates that differ only in a plain first word (a program or host name) and in values merge once this
    /// many distinct first words are seen; 0 turns the merge off.
    /// </summary>
    public int LeadingWordsToMerge { get; init; } = 3;

    /// <summary>
    /// Whether templates whose constant tokens are the same, but whose variables span different numbers of
    /// tokens (a list of ids, an optional value), are reported as one template.
    /// </summary>
    public bool GroupVariableLengths { get; init; } = true;

    /// <summary>The longest example message kept per template, in characters.</summary>
    public int MaxExampleLength { get; init; } = 512;

    /// <summary>The most distinct level names counted per template; further ones are counted under <c>other</c>.</summary>
    public int MaxLevelsPerTemplate { get; init; } = 16;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    public void Validate()
    {
        if (!(SimilarityThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SimilarityThreshold), SimilarityThreshold, "must be between 0 and 1");
        }

        if (Depth is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(Depth), Depth, "must be between 1 and 8");
        }

        if (MaxChildren < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxChildren), MaxChildren, "must be at least 2");
        }

        if (SettledAfterLines < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SettledAfterLines), SettledAfterLines, "must be at least 1");
        }

        if (LeadingWordsToMerge is < 0 or 1)
        {
            throw new ArgumentOutOfRangeException(nameof(LeadingWordsToMerge), LeadingWordsToMerge, "must be 0 (off) or at least 2");
        }

        if (MaxExampleLength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxExampleLength), MaxExampleLength, "must not be negative");
        }

        if (MaxLevelsPerTemplate < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLevelsPerTemplate), MaxLevelsPerTemplate, "must be at least 1");
        }
    }
}
