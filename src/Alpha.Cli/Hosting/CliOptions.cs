using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Alpha.Cli.Hosting;

/// <summary>Options whose values are parsed by Alpha, so a bad value is a usage error (exit 2) in the user's words.</summary>
internal static class CliOptions
{
    /// <summary>A whole number of at least <paramref name="minimum"/>, e.g. <c>--top 3</c>.</summary>
    public static Option<int> WholeNumber(string name, string description, int defaultValue, int minimum = 1) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r => Parse(r, name, minimum, defaultValue) ?? defaultValue,
    };

    /// <summary>An optional whole number of at least <paramref name="minimum"/> (null when the option is absent).</summary>
    public static Option<int?> OptionalWholeNumber(string name, string description, int minimum = 1) => new(name)
    {
        Description = description,
        CustomParser = r => Parse(r, name, minimum, minimum),
    };

    private static int? Parse(ArgumentResult result, string name, int minimum, int example)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[^1].Value;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name}: '{text}' is not a whole number; write e.g. {name} {Math.Max(example, minimum)}");
            return null;
        }

        if (value < minimum)
        {
            result.AddError($"{name} must be at least {minimum} (got {value})");
            return null;
        }

        return value;
    }
}
