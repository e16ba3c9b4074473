using System.Text.Json.Nodes;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Alpha.Platform.Specs;

/// <summary>
/// YAML to a <see cref="SpecTree"/>; scalars are read as every Alpha YAML input reads them (<see cref="YamlScalars"/>).
/// </summary>
internal static class YamlSpecParser
{
    public static SpecTree Parse(string text, string source, InputLimits limits)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(BoundedYamlParser.Over(text, limits));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            throw new SpecValidationException([new SpecError(source, (int)ex.Start.Line, "$", $"invalid YAML: {Clean(reason)}")], ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new SpecValidationException([new SpecError(source, null, "$", "invalid YAML: the document ends inside an unclosed [ ] or { }")], ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new SpecValidationException([new SpecError(source, null, "$", "the document is empty; a spec needs at least kind and name")]);
        }

        if (stream.Documents.Count > 1)
        {
            throw new SpecValidationException([new SpecError(source, (int)stream.Documents[1].RootNode.Start.Line, "$", "holds several YAML documents; put one spec per file")]);
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<SpecError>();
        var root = Convert(stream.Documents[0].RootNode, "$", lines, errors, source);
        if (errors.Count > 0)
        {
            throw new SpecValidationException(errors);
        }

        return new SpecTree(source, root, lines);
    }

    private static JsonNode? Convert(YamlNode node, string path, Dictionary<string, int> lines, List<SpecError> errors, string source)
    {
        lines[path] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in map.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        errors.Add(new SpecError(source, (int)keyNode.Start.Line, path, "keys must be plain text"));
                        continue;
                    }

                    var child = SpecTree.Child(path, key);
                    if (obj.ContainsKey(key))
                    {
                        errors.Add(new SpecError(source, (int)keyNode.Start.Line, child, "appears twice; keep one"));
                        continue;
                    }

                    obj[key] = Convert(valueNode, child, lines, errors, source);
                    lines[child] = (int)keyNode.Start.Line;
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], SpecTree.Item(path, i), lines, errors, source));
                }

                return array;
            case YamlScalarNode scalar:
                return YamlScalars.ToJson(scalar);
            default:
                errors.Add(new SpecError(source, (int)node.Start.Line, path, $"unsupported YAML node {node.NodeType}"));
                return null;
        }
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes positions we already report: "(Line: 3, Col: 5, Idx: 20) - (Line: ...): message".
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
    }
}
