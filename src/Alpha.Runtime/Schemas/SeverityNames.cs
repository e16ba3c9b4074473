namespace Alpha.Runtime.Schemas;

/// <summary>Converts between <see cref="Severity"/> and its JSON names (low, medium, high).</summary>
public static class SeverityNames
{
    /// <summary>The JSON name of <paramref name="severity"/>.</summary>
    public static string ToName(Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => throw new SchemaValidationException("severity", "must be one of low, medium, high"),
    };

    /// <summary>Parses a JSON name, case-insensitively; false for anything else.</summary>
    public static bool TryParse(string? name, out Severity severity)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "low": severity = Severity.Low; return true;
            case "medium": severity = Severity.Medium; return true;
            case "high": severity = Severity.High; return true;
            default: severity = default; return false;
        }
    }
}
