using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Specs;

namespace Alpha.Workflows.Adapters.GroupChat;

/// <summary>Reads a node's <c>options</c> with errors that name the field (<c>nodes[id].options.rounds</c>) and say what to write.</summary>
public sealed class NodeOptions
{
    private readonly WorkflowNode _node;
    private readonly List<SpecError> _errors = [];

    /// <summary>Starts reading <paramref name="node"/>'s options; keys other than <paramref name="known"/> are errors.</summary>
    public NodeOptions(WorkflowNode node, params string[] known)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(known);
        _node = node;
        foreach (var key in node.Options?.Select(p => p.Key) ?? [])
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                Fail(key, $"is not an option of a {node.Adapter} node; known options: {string.Join(", ", known)}");
            }
        }
    }

    /// <summary>The path of option <paramref name="key"/> in the spec.</summary>
    public string Field(string key) => $"nodes[{_node.Id}].options.{key}";

    /// <summary>Records an error on option <paramref name="key"/> (or on the node's agents when key is null).</summary>
    public void Fail(string? key, string message) =>
        _errors.Add(new SpecError("workflow", null, key is null ? $"nodes[{_node.Id}].agents" : Field(key), message));

    /// <summary>Integer option <paramref name="key"/> in [min, max], or <paramref name="fallback"/> when absent.</summary>
    public int WholeNumber(string key, int fallback, int min, int max)
    {
        if (_node.Options?[key] is not { } value)
        {
            return fallback;
        }

        // A spec read back from the ledger holds its numbers as JSON text (canonical form may write 4 as 4.0): read the text.
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number >= min && number <= max)
        {
            return (int)number;
        }

        Fail(key, $"must be a whole number from {min} to {max}, e.g. {key}: {fallback}");
        return fallback;
    }

    /// <summary>Option <paramref name="key"/> naming one of the node's agents, or null when absent.</summary>
    public string? AgentName(string key, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        if (_node.Options?[key] is not { } value)
        {
            return null;
        }

        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { } name && agents.Any(a => a.Name == name))
        {
            return name;
        }

        Fail(key, $"must name one of the node's agents ({string.Join(", ", agents.Select(a => a.Name))}), but is {value.ToJsonString()}");
        return null;
    }

    /// <summary>Throws every recorded error at once.</summary>
    /// <exception cref="SpecValidationException">Some option was wrong.</exception>
    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new SpecValidationException(_errors);
        }
    }
}
