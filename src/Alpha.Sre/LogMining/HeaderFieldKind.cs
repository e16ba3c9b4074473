namespace Alpha.Sre.LogMining;

/// <summary>The coarse shape of a header field, the unit of the column statistics <see cref="LogHeaderLearner"/> keeps.</summary>
internal enum HeaderFieldKind
{
    /// <summary>Digits and punctuation, no letter: dates, clocks, process ids, epochs.</summary>
    Number,

    /// <summary>Holds a letter: levels, hosts, program and logger names.</summary>
    Word,

    /// <summary>Bracketed: <c>[notice]</c>, <c>[main]</c>, a bracketed date.</summary>
    Bracket,

    /// <summary>Punctuation only (<c>-</c>).</summary>
    Mark,
}
