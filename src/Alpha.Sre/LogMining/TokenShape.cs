namespace Alpha.Sre.LogMining;

/// <summary>What masking made of one whitespace-separated token.</summary>
public enum TokenShape
{
    /// <summary>No part of the token looked like a value; it is kept as written.</summary>
    Constant,

    /// <summary>Part of the token is a value, for example <c>node-&lt;*&gt;</c> or <c>uid=&lt;*&gt;</c>.</summary>
    Mixed,

    /// <summary>The whole token is one value and reads <c>&lt;*&gt;</c>.</summary>
    Variable,
}
