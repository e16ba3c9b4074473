namespace Alpha.Runtime.Schemas;

/// <summary>
/// Thrown when a value breaks a schema rule. <see cref="Field"/> names the offending field
/// (as a JSON path such as <c>hypotheses[2].confidence</c> once a JSON document is being read),
/// <see cref="Rule"/> states the rule in words a user can act on.
/// </summary>
public sealed class SchemaValidationException : Exception
{
    /// <summary>Creates an error for <paramref name="field"/> breaking <paramref name="rule"/>.</summary>
    public SchemaValidationException(string field, string rule)
        : base($"{field}: {rule}")
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>Creates an error for <paramref name="field"/> with an inner cause.</summary>
    public SchemaValidationException(string field, string rule, Exception innerException)
        : base($"{field}: {rule}", innerException)
    {
        Field = field;
        Rule = rule;
    }

    /// <summary>The field (or JSON path) that broke the rule.</summary>
    public string Field { get; }

    /// <summary>The rule that was broken, phrased for the user.</summary>
    public string Rule { get; }

    /// <summary>Returns a copy whose field is prefixed with <paramref name="parent"/> (e.g. <c>hypotheses[0]</c>).</summary>
    public SchemaValidationException WithParent(string parent) =>
        new(string.IsNullOrEmpty(parent) ? Field : $"{parent}.{Field}", Rule, this);
}
