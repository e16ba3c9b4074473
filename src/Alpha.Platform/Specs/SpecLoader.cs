namespace Alpha.Platform.Specs;

/// <summary>
/// Reads spec documents (YAML or JSON) into typed specs, validating every field. Errors are
/// <see cref="SpecValidationException"/>s naming the file, the line and the field.
/// </summary>
public static class SpecLoader
{
    /// <summary>Reads and validates the spec in <paramref name="path"/>; YAML unless the name ends in .json.</summary>
    public static async Task<Spec> LoadAsync(string path, CancellationToken cancellationToken = default)
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

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path, FormatOf(path, text));
    }

    /// <summary>Parses and validates spec text; <paramref name="source"/> names it in errors.</summary>
    public static Spec Parse(string text, string source, SpecFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SpecValidationException([new SpecError(source, null, "$", "the document is empty; a spec needs at least kind and name")]);
        }

        var tree = format == SpecFormat.Json ? JsonSpecParser.Parse(text, source) : YamlSpecParser.Parse(text, source);
        return SpecBinder.Bind(tree);
    }

    /// <summary>Parses spec text whose format is guessed from <paramref name="source"/>'s extension, else from its first character.</summary>
    public static Spec Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text, source, FormatOf(source, text));
    }

    private static SpecFormat FormatOf(string source, string text) =>
        source.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || (!source.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !source.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) && text.TrimStart().StartsWith('{'))
            ? SpecFormat.Json
            : SpecFormat.Yaml;
}
