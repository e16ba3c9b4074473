using System.Text.Json.Nodes;

namespace Alpha.Platform.Specs;

/// <summary>A parsed spec document before binding: its JSON tree and the line where each field starts.</summary>
/// <param name="Source">The document's name, for errors.</param>
/// <param name="Root">The document's value.</param>
/// <param name="Lines">1-based line of each field path (<c>name</c>, <c>nodes[0].id</c>, <c>$</c> for the root).</param>
internal sealed record SpecTree(string Source, JsonNode? Root, IReadOnlyDictionary<string, int> Lines)
{
    public static string Child(string path, string key) => path == "$" ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{(path == "$" ? string.Empty : path)}[{index}]";

    /// <summary>
    /// The line of <paramref name="field"/>, or, for a field that has no line of its own (a missing one), of the nearest
    /// enclosing field that has; null when not even the first part of the path is in the document.
    /// </summary>
    public int? LineOf(string field)
    {
        for (var path = field; ; )
        {
            if (Lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return null;
            }

            path = path[..cut];
        }
    }
}
