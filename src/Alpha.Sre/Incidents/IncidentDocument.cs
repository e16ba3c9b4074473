using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;

namespace Alpha.Sre.Incidents;

/// <summary>
/// Reads incident documents (JSON or YAML) from a file or stdin, once, into the typed <see cref="SreIncident"/>
/// (handed to the runtime inside an <see cref="IncidentInput"/>).
/// </summary>
public static class IncidentDocument
{
    /// <summary>Reads <paramref name="path"/> (<c>-</c> for <paramref name="stdin"/>); YAML when the name ends in .yaml/.yml or the text does not start with '{'.</summary>
    public static Task<IncidentInput> LoadAsync(string path, TextReader stdin, CancellationToken cancellationToken) =>
        LoadAsync(path, stdin, InputLimits.Default, cancellationToken);

    /// <summary>Reads <paramref name="path"/> (<c>-</c> for <paramref name="stdin"/>) under <paramref name="limits"/> (size, depth, YAML aliases).</summary>
    public static async Task<IncidentInput> LoadAsync(string path, TextReader stdin, InputLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(stdin);
        string text;
        string source;
        if (path == "-")
        {
            source = "stdin";
            text = await Limited(() => InputChecks.ReadToEndAsync(stdin, limits, cancellationToken), source).ConfigureAwait(false);
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

            var isYaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
            // A JSON file is streamed (docs/security.md, "Big incidents"): its log lines never become one string or a
            // DOM. A file over the size limit, YAML, and whatever the stream reader hands back are read whole below.
            if (!isYaml && new FileInfo(path).Length <= limits.MaxBytes && IncidentStreamReader.StartsWithBrace(path)
                && IncidentStreamReader.TryRead(path, source, limits, cancellationToken) is { } streamed)
            {
                return streamed.ToInput();
            }

            text = await Limited(() => InputChecks.ReadFileAsync(path, limits, cancellationToken), source).ConfigureAwait(false);
        }

        return Parse(text, source, limits);
    }

    private static async Task<string> Limited(Func<Task<string>> read, string source)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (InputLimitExceededException ex)
        {
            throw new InvalidInputException(source, null, "$", ex.Message, ex);
        }
    }

    /// <summary>Parses incident text; <paramref name="source"/> names it in errors.</summary>
    public static IncidentInput Parse(string text, string source) => Parse(text, source, InputLimits.Default);

    /// <summary>Parses incident text under <paramref name="limits"/>; <paramref name="source"/> names it in errors.</summary>
    public static IncidentInput Parse(string text, string source, InputLimits limits) => Read(text, source, limits).ToInput();

    /// <summary>Parses incident text into the typed incident; <paramref name="source"/> names it in errors.</summary>
    public static SreIncident Read(string text, string source) => Read(text, source, InputLimits.Default);

    /// <summary>Parses incident text into the typed incident under <paramref name="limits"/>; <paramref name="source"/> names it in errors.</summary>
    public static SreIncident Read(string text, string source, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        if (!InputChecks.IsWellFormed(text))
        {
            throw new InvalidInputException(source, null, "$", "is not valid Unicode text (an unpaired surrogate); save it as UTF-8");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException(source, null, "$", "is empty; an incident needs at least deployment_id");
        }

        var isYaml = source.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            || !text.TrimStart().StartsWith('{');
        JsonElement root;
        if (isYaml)
        {
            root = YamlJson.ToElement(text, source, limits);
        }
        else
        {
            try
            {
                InputChecks.CheckJson(text, limits);
            }
            catch (InputLimitExceededException ex)
            {
                throw new InvalidInputException(source, ex.Line, "$", ex.Message, ex);
            }

            root = AlphaJson.Deserialize<JsonElement>(text, source);
        }

        try
        {
            return SreIncidentReader.Read(root, source);
        }
        catch (InvalidInputException ex) when (ex.Line is null && ex.Field != "$" && IncidentLines.Find(text, ex.Field) is { } line)
        {
            throw new InvalidInputException(ex.Source, line, ex.Field, ex.Rule, ex);
        }
    }
}
