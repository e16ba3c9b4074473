using Alpha.Runtime.Security;

namespace Alpha.Platform.Specs;

/// <summary>
/// Reads spec documents (YAML or JSON) into typed specs, validating every field. Errors are
/// <see cref="SpecValidationException"/>s naming the file, the line and the field.
/// </summary>
public static class SpecLoader
{
    /// <summary>Reads and validates the spec in <paramref name="path"/>; YAML unless the name ends in .json.</summary>
    public static Task<Spec> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        LoadAsync(path, InputLimits.Default, cancellationToken);

    /// <summary>Reads and validates the spec in <paramref name="path"/> under <paramref name="limits"/> (size, depth, YAML aliases).</summary>
    public static async Task<Spec> LoadAsync(string path, InputLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new SpecValidationException([new SpecError(path, null, "$", "is a directory; give the path of a spec file (YAML or JSON)")]);
        }

        if (!File.Exists(path))
        {
            throw new SpecValidationException([new SpecError(path, null, "$", "file not found; give the path of a spec file (YAML or JSON)")]);
        }

        string text;
        try
        {
            text = await InputChecks.ReadFileAsync(path, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (InputLimitExceededException ex)
        {
            throw new SpecValidationException([new SpecError(path, null, "$", ex.Message)], ex);
        }

        return Parse(text, path, FormatOf(path, text), limits);
    }

    /// <summary>Parses and validates spec text; <paramref name="source"/> names it in errors.</summary>
    public static Spec Parse(string text, string source, SpecFormat format) => Parse(text, source, format, InputLimits.Default);

    /// <summary>Parses and validates spec text under <paramref name="limits"/>; <paramref name="source"/> names it in errors.</summary>
    public static Spec Parse(string text, string source, SpecFormat format, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        if (!InputChecks.IsWellFormed(text))
        {
            throw new SpecValidationException([new SpecError(source, null, "$", "is not valid Unicode text (an unpaired surrogate); save it as UTF-8")]);
        }
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SpecValidationException([new SpecError(source, null, "$", "the document is empty; a spec needs at least kind and name")]);
        }

        SpecTree tree;
        try
        {
            tree = format == SpecFormat.Json ? JsonSpecParser.Parse(text, source, limits) : YamlSpecParser.Parse(text, source, limits);
        }
        catch (InputLimitExceededException ex)
        {
            throw new SpecValidationException([new SpecError(source, (int?)ex.Line, "$", ex.Message)], ex);
        }

        return SpecBinder.Bind(tree);
    }

    /// <summary>Parses spec text whose format is guessed from <paramref name="source"/>'s extension, else from its first character.</summary>
    public static Spec Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text, source, FormatOf(source, text));
    }

    internal static SpecFormat FormatOf(string source, string text) =>
        source.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || (!source.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !source.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) && text.TrimStart().StartsWith('{'))
            ? SpecFormat.Json
            : SpecFormat.Yaml;
}
