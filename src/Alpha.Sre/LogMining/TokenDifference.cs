namespace Alpha.Sre.LogMining;

/// <summary>How two different tokens at the same template position differ.</summary>
internal enum TokenDifference
{
    /// <summary>Only in values (numbers, ids, variables) or by an empty part: the position is a variable.</summary>
    Value,

    /// <summary>In plain words: a different event, unless the position is the template's one free word.</summary>
    Word,
}
