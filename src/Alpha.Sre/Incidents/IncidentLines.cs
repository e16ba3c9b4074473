using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Alpha.Sre.Incidents;

/// <summary>
/// The line of a field in an incident's text, for errors found after parsing (a section of the wrong type, a missing
/// field): the reader works on the parsed document, which has no positions. Only called on that error path, so the
/// text is parsed again here; JSON is read as YAML (its flow syntax), which gives the same tree and the lines.
/// </summary>
internal static class IncidentLines
{
    /// <summary>
    /// The 1-based line of <paramref name="field"/> (a path such as <c>$.logs</c>, <c>logs[0].message</c> or
    /// <c>metrics.a.cpu[1]</c>), or of the deepest part of it that was found; null when not even its first part is.
    /// </summary>
    public static long? Find(string text, string field)
    {
        YamlNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                return null;
            }

            root = stream.Documents[0].RootNode;
        }
        catch (YamlException)
        {
            return null;
        }

        long? line = null;
        var node = root;
        var rest = field.StartsWith('$') ? field[1..] : field; // $.logs for a section, logs[0].message inside one
        while (rest.Length > 0)
        {
            var (next, remaining) = Step(node, rest);
            if (next is null)
            {
                break;
            }

            line = next.Start.Line;
            node = next;
            rest = remaining;
        }

        return line;
    }

    // One step down the path: an index into a sequence, or the longest key of a mapping that the path starts with
    // (metric names hold dots, so the path cannot simply be split on them).
    private static (YamlNode? Node, string Remaining) Step(YamlNode node, string path)
    {
        if (path.StartsWith('.'))
        {
            path = path[1..];
        }

        if (node is YamlSequenceNode sequence && path.StartsWith('['))
        {
            var close = path.IndexOf(']', StringComparison.Ordinal);
            return close > 1 && int.TryParse(path.AsSpan(1, close - 1), out var index) && index >= 0 && index < sequence.Children.Count
                ? (sequence.Children[index], path[(close + 1)..])
                : (null, "");
        }

        if (node is YamlMappingNode mapping)
        {
            YamlNode? best = null;
            var bestLength = -1;
            foreach (var (key, value) in mapping.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && name.Length > bestLength && path.StartsWith(name, StringComparison.Ordinal)
                    && (path.Length == name.Length || path[name.Length] is '.' or '['))
                {
                    // The path ends here: the key's line, where the field is written (its value may start on the next).
                    best = path.Length == name.Length ? key : value;
                    bestLength = name.Length;
                }
            }

            return best is null ? (null, "") : (best, path[bestLength..]);
        }

        return (null, "");
    }
}
