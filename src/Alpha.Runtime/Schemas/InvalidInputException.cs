namespace Alpha.Runtime.Schemas;

/// <summary>
/// A user-facing error about an input document: which document, where in it, which field and which rule.
/// Hosts print <see cref="Exception.Message"/> as is; it never needs a stack trace to be understood.
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>Creates the error.</summary>
    public InvalidInputException(string source, long? line, string field, string rule, Exception? innerException = null)
        : base(Format(source, line, field, rule), innerException)
    {
        Source = source;
        Line = line;
        Field = field;
        Rule = rule;
    }

    /// <summary>The document (file name, <c>stdin</c>, or a request name).</summary>
    public new string Source { get; }

    /// <summary>1-based line in the document, when known.</summary>
    public long? Line { get; }

    /// <summary>The offending field as a JSON path (<c>$</c> for the whole document).</summary>
    public string Field { get; }

    /// <summary>The rule that was broken.</summary>
    public string Rule { get; }

    private static string Format(string source, long? line, string field, string rule) =>
        line is { } l ? $"{source}:{l}: {field}: {rule}" : $"{source}: {field}: {rule}";
}
