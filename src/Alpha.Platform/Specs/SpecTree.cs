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
}
