using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Reads incident documents (JSON or YAML) from a file or stdin, once, into the typed <see cref="SreIncident"/>
/// (handed to the runtime inside an <see cref="IncidentInput"/>).
/// </summary>
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

    /// <summary>Parses incident text into the runtime's incident; <paramref name="source"/> names it in errors.</summary>
    public static IncidentInput Parse(string text, string source) => Read(text, source).ToInput();

    /// <summary>Parses incident text into the typed incident; <paramref name="source"/> names it in errors.</summary>
    public static SreIncident Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException(source, null, "$", "is empty; an incident needs at least deployment_id");
        }

        var isYaml = source.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || !text.TrimStart().StartsWith('{');
        var root = isYaml ? YamlJson.ToElement(text, source) : AlphaJson.Deserialize<JsonElement>(text, source);
        return SreIncidentReader.Read(root, source);
    }
}
