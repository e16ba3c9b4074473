using System.Globalization;

namespace Alpha.Runtime.Security;

/// <summary>
/// A document broke one of the <see cref="InputLimits"/>. Readers turn it into their own user-facing error
/// (an invalid-input error, exit code 2); <see cref="Exception.Message"/> names the limit, its value and the
/// variable that raises it.
/// </summary>
public sealed class InputLimitExceededException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="limit">The limit's name in the docs (<c>max_depth</c>, <c>max_bytes</c>, <c>max_alias_expansion</c>).</param>
    /// <param name="value">The limit's value.</param>
    /// <param name="variable">The environment variable that sets it.</param>
    /// <param name="what">What the document did, e.g. "nesting goes deeper than 64 levels".</param>
    /// <param name="line">1-based line where the limit was crossed, when known.</param>
    public InputLimitExceededException(string limit, long value, string variable, string what, long? line = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"{what}: exceeds the input limit {limit} = {value} (set {variable} to raise it)"))
    {
        Limit = limit;
        Value = value;
        Variable = variable;
        Line = line;
    }

    /// <summary>The limit's name in the docs.</summary>
    public string Limit { get; }

    /// <summary>The limit's value.</summary>
    public long Value { get; }

    /// <summary>The environment variable that sets it.</summary>
    public string Variable { get; }

    /// <summary>1-based line where the limit was crossed, when known.</summary>
    public long? Line { get; }
}
