using Alpha.Runtime.Schemas;

namespace Alpha.Cli.Hosting;

/// <summary>Reads an incident document from a path or stdin (<c>-</c>), turning every problem into an <see cref="InvalidInputException"/>.</summary>
internal static class IncidentReader
{
    public static async Task<IncidentInput> ReadAsync(string path, TextReader stdin, CancellationToken cancellationToken)
    {
        string text;
        string source;
        if (path == "-")
        {
            source = "stdin";
            text = await stdin.ReadToEndAsync(cancellationToken);
        }
        else
        {
            source = path;
            if (Directory.Exists(path))
            {
                throw new InvalidInputException(path, null, "$", "is a directory; give the path of an incident JSON file");
            }

            if (!File.Exists(path))
            {
                throw new InvalidInputException(path, null, "$", "file not found; give the path of an incident JSON file, or - to read stdin");
            }

            text = await File.ReadAllTextAsync(path, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException(source, null, "$", "is empty; an incident is a JSON object with at least deployment_id");
        }

        return AlphaJson.Deserialize<IncidentInput>(text, source);
    }
}
