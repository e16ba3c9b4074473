using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Incidents;

/// <summary>Reads incident documents (JSON or YAML) from a file or stdin into the runtime's <see cref="IncidentInput"/>.</summary>
public static class IncidentDocument
{
    /// <summary>Reads <paramref name="path"/> (<c>-</c> for <paramref name="stdin"/>); YAML when the name ends in .yaml/.yml or the text does not start with '{'.</summary>
    public static async Task<IncidentInput> LoadAsync(string path, TextReader stdin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stdin);
        string text;
        string source;
        if (path == "-")
        {
            source = "stdin";
            text = await stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            source = path;
            if (Directory.Exists(path))
            {
                throw new InvalidInputException(path, null, "$", "is a directory; give the path of an incident file (JSON or YAML)");
            }

            if (!File.Exists(path))
            {
                throw new InvalidInputException(path, null, "$", "file not found; give the path of an incident file (JSON or YAML), or - to read stdin");
            }

            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }

        return Parse(text, source);
    }

    /// <summary>Parses incident text; <paramref name="source"/> names it in errors.</summary>
    public static IncidentInput Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException(source, null, "$", "is empty; an incident needs at least deployment_id");
        }

        var isYaml = source.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || !text.TrimStart().StartsWith('{');
        IncidentInput input;
        if (isYaml)
        {
            var json = YamlJson.ToJson(text, source);
            try
            {
                input = AlphaJson.Deserialize<IncidentInput>(json, source);
            }
            catch (InvalidInputException ex) when (ex.Line is not null)
            {
                // The line would be one of the converted JSON text, not of the YAML the user wrote.
                throw new InvalidInputException(source, null, ex.Field, ex.Rule, ex);
            }
        }
        else
        {
            input = AlphaJson.Deserialize<IncidentInput>(text, source);
        }

        SreIncidentReader.Read(input, source); // validate the SRE sections now, so a bad field is reported before any work
        return input;
    }
}
