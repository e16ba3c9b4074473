using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alpha.Runtime.Security;

namespace Alpha.Platform.Specs;

/// <summary>
/// The line of a field in a spec's text, for errors found after binding: a node's options checked when the workflow is
/// dispatched, an analysis naming an agent the host does not have, a spec of the wrong kind for the command. Those are
/// raised on the bound spec, which has no positions (and name the spec, or <c>workflow</c>, instead of the file). Only
/// called on that error path, so the text is parsed again here, as the loader parses it (YAML, or JSON with its lines),
/// and the field's path is followed to the deepest part found. A node named by its id (<c>nodes[crew].options.rounds</c>,
/// as the workflow runtime names it) is looked up among the nodes by <c>id</c>.
/// </summary>
public static partial class SpecLines
{
    /// <summary>
    /// The 1-based line of <paramref name="field"/> (<c>kind</c>, <c>agents[1]</c>, <c>nodes[crew].options.rounds</c>,
    /// <c>$.nodes[0]</c>) in <paramref name="text"/>, or of the deepest part of it that is there; null when the text does
    /// not parse, when a node id in the path is not one of its nodes, or when not even the field's first part is there.
    /// </summary>
    public static int? Find(string text, string source, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(field);
        SpecTree tree;
        try
        {
            tree = SpecLoader.FormatOf(source, text) == SpecFormat.Json
                ? JsonSpecParser.Parse(text, source, InputLimits.Default)
                : YamlSpecParser.Parse(text, source, InputLimits.Default);
        }
        catch (Exception ex) when (ex is SpecValidationException or InputLimitExceededException)
        {
            return null;
        }

        var path = field == "$" ? field : field.StartsWith("$.", StringComparison.Ordinal) ? field[2..] : field;
        return ById(tree, path) is { } byIndex ? tree.LineOf(byIndex) : null;
    }

    /// <summary>
    /// <paramref name="error"/> with each problem that has no line placed in <paramref name="text"/> (the spec read from
    /// <paramref name="source"/>): its line found (<see cref="Find"/>) and its source the file. Problems whose field is not
    /// in the text, or is the whole document (<c>$</c>), are kept as they are.
    /// </summary>
    public static SpecValidationException Locate(SpecValidationException error, string text, string source)
    {
        ArgumentNullException.ThrowIfNull(error);
        // "$" (the whole document) is left alone: such an error may be about another document (a target that is not found).
        var located = error.Errors.Select(e => e.Line is null && e.Field != "$" && Find(text, source, e.Field) is { } line ? e with { Source = source, Line = line } : e).ToList();
        return located.SequenceEqual(error.Errors) ? error : new SpecValidationException(located, error);
    }

    /// <summary><see cref="Locate"/> for the spec file <paramref name="path"/>; <paramref name="error"/> as it is when the file cannot be read again.</summary>
    public static async Task<SpecValidationException> LocateAsync(SpecValidationException error, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(path);
        if (error.Errors.All(e => e.Line is not null))
        {
            return error;
        }

        string text;
        try
        {
            text = await InputChecks.ReadFileAsync(path, InputLimits.Default, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InputLimitExceededException)
        {
            return error;
        }

        return Locate(error, text, path);
    }

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex Brackets();

    // nodes[crew] -> nodes[1]: each bracket that is not an index names an item of that list by its id. Null when no item has it.
    private static string? ById(SpecTree tree, string path)
    {
        var result = path;
        for (var match = Brackets().Match(result); match.Success; match = Brackets().Match(result, match.Index + 1))
        {
            var key = match.Groups[1].Value;
            if (int.TryParse(key, out _))
            {
                continue;
            }

            if (At(tree.Root, "$", result[..match.Index]) is not JsonArray list)
            {
                return null;
            }

            var index = -1;
            for (var i = 0; i < list.Count && index < 0; i++)
            {
                if (list[i] is JsonObject item && item["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>() == key)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                return null;
            }

            result = $"{result[..match.Index]}[{index}]{result[(match.Index + match.Length)..]}";
        }

        return result;
    }

    // The node at `target`, walking the tree with the same path names the parsers give their lines (keys may hold dots).
    private static JsonNode? At(JsonNode? node, string path, string target)
    {
        if (path == target || (path == "$" && target.Length == 0))
        {
            return node;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var child = SpecTree.Child(path, key);
                    if (target.StartsWith(child, StringComparison.Ordinal) && At(value, child, target) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = SpecTree.Item(path, i);
                    if (target.StartsWith(item, StringComparison.Ordinal) && At(array[i], item, target) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
