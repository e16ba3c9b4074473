namespace Alpha.Runtime.Schemas;

/// <summary>Small guard helpers that raise <see cref="SchemaValidationException"/> with the field name.</summary>
internal static class Check
{
    public static string NotBlank(string? value, string field) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new SchemaValidationException(field, "is required and must not be empty")
            : value;

    public static T NotNull<T>(T? value, string field)
        where T : class =>
        value ?? throw new SchemaValidationException(field, "is required");

    public static double UnitInterval(double value, string field) =>
        double.IsFinite(value) && value is >= 0 and <= 1
            ? value
            : throw new SchemaValidationException(field, $"must be a number between 0 and 1 (got {value.ToString(System.Globalization.CultureInfo.InvariantCulture)})");

    public static T Defined<T>(T value, string field)
        where T : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new SchemaValidationException(field, $"must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    public static IReadOnlyList<string> NoBlankItems(IReadOnlyList<string>? values, string field)
    {
        NotNull(values, field);
        for (var i = 0; i < values!.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                throw new SchemaValidationException($"{field}[{i}]", "must be a non-empty string");
            }
        }

        return values;
    }
}
