namespace Alpha.Runtime.Schemas;

/// <summary>Converts between <see cref="Severity"/> and its JSON names (low, medium, high).</summary>
public static class SeverityNames
{
    /// <summary>The JSON name of <paramref name="severity"/>.</summary>
    /// <exception cref="SchemaValidationException">Not a declared severity.</exception>
    public static string ToName(Severity severity) => Enum.IsDefined(severity)
        ? JsonEnumNames.ToName<Severity>(severity)
        : throw new SchemaValidationException("severity", $"must be one of {string.Join(", ", JsonEnumNames.All<Severity>())}");

    /// <summary>Reads a severity leniently (surrounding spaces and case ignored), as models write it.</summary>
    public static bool TryParse(string? name, out Severity severity) =>
        JsonEnumNames.TryParse<Severity>(name?.Trim().ToLowerInvariant(), out severity);
}
