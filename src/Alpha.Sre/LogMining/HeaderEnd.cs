namespace Alpha.Sre.LogMining;

/// <summary>What marks the last field of a learned header.</summary>
public enum HeaderEnd
{
    /// <summary>No header: the whole line is the message.</summary>
    None,

    /// <summary>A field ending in a colon: a program tag or logger (<c>sshd[42]:</c>, <c>org.acme.Foo:</c>).</summary>
    Colon,

    /// <summary>A bracketed field (<c>[notice]</c>).</summary>
    Bracket,

    /// <summary>A number (a flag, a process id).</summary>
    Number,

    /// <summary>A level word (<c>INFO</c>, <c>W</c>).</summary>
    Level,

    /// <summary>A field followed by a run of white space: a column-aligned header.</summary>
    Gap,

    /// <summary>A separator of punctuation only (<c>-</c>, <c>|</c>).</summary>
    Mark,
}
