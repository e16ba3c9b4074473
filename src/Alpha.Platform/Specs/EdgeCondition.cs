using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Alpha.Platform.Specs;

/// <summary>
/// A condition on an edge (a workflow edge or a graph transition): one operator on one value. Written
/// <c>when: {key: verdict, equals: approve}</c>; the operators are <c>equals</c>, <c>not_equals</c>,
/// <c>contains</c> (ordinal, case-insensitive) and <c>matches</c> (a .NET regular expression). Exactly one
/// operator is given. A value that is not set never equals, contains or matches anything (and is not equal
/// to every value).
/// </summary>
/// <param name="Key">
/// What is read: on a workflow edge, null for the source node's output, a node id for that node's output, or
/// <c>inputs.NAME</c> for a run input; in a graph, a state key (null: the key the source step writes).
/// </param>
/// <param name="EqualTo">The value must equal this (ordinal, after trimming surrounding white space).</param>
/// <param name="NotEqualTo">The value must differ from this.</param>
/// <param name="Contains">The value must contain this (case-insensitive).</param>
/// <param name="Matches">The value must match this regular expression.</param>
public sealed record EdgeCondition(
    string? Key = null,
    [property: JsonPropertyName("equals")] string? EqualTo = null,
    [property: JsonPropertyName("not_equals")] string? NotEqualTo = null,
    string? Contains = null,
    string? Matches = null)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The operator names, as written in spec files.</summary>
    public static IReadOnlyList<string> Operators { get; } = ["equals", "not_equals", "contains", "matches"];

    /// <summary>True when <paramref name="value"/> (null: not set) satisfies the condition.</summary>
    public bool Holds(string? value)
    {
        if (NotEqualTo is not null)
        {
            return value is null || !string.Equals(value.Trim(), NotEqualTo, StringComparison.Ordinal);
        }

        if (value is null)
        {
            return false;
        }

        if (EqualTo is not null)
        {
            return string.Equals(value.Trim(), EqualTo, StringComparison.Ordinal);
        }

        if (Contains is not null)
        {
            return value.Contains(Contains, StringComparison.OrdinalIgnoreCase);
        }

        return Matches is not null && Regex.IsMatch(value, Matches, RegexOptions.CultureInvariant, RegexTimeout);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var (op, operand) = EqualTo is not null ? ("equals", EqualTo)
            : NotEqualTo is not null ? ("not_equals", NotEqualTo)
            : Contains is not null ? ("contains", Contains)
            : ("matches", Matches);
        return $"{Key ?? "output"} {op} '{operand}'";
    }

    /// <summary>
    /// Reads a condition written as <c>{key?, equals | not_equals | contains | matches}</c>; every problem goes to
    /// <paramref name="fail"/> (field path, message) and the result is then null.
    /// </summary>
    /// <param name="node">The <c>when</c> value.</param>
    /// <param name="path">Its field path, for error messages.</param>
    /// <param name="fail">Receives each problem.</param>
    public static EdgeCondition? Parse(JsonNode? node, string path, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        if (node is not JsonObject obj)
        {
            fail(path, $"must be a mapping {{key, one of {string.Join(" | ", Operators)}}}, e.g. {{key: verdict, equals: approve}}");
            return null;
        }

        var ok = true;
        string? key = null;
        var operands = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            var field = $"{path}.{name}";
            if (name != "key" && !Operators.Contains(name))
            {
                fail(field, $"unknown field; expected key or one of {string.Join(", ", Operators)}");
                ok = false;
                continue;
            }

            if (Scalar(value) is not { } text)
            {
                fail(field, "must be text (or a number or true/false)");
                ok = false;
                continue;
            }

            if (name == "key")
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    fail(field, "must not be empty");
                    ok = false;
                }

                key = text;
            }
            else
            {
                operands[name] = text;
            }
        }

        if (operands.Count != 1)
        {
            fail(path, operands.Count == 0
                ? $"needs one operator: {string.Join(", ", Operators)}"
                : $"gives {operands.Count} operators ({string.Join(", ", operands.Keys)}); give exactly one");
            return null;
        }

        if (operands.TryGetValue("matches", out var pattern))
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                fail($"{path}.matches", $"'{pattern}' is not a regular expression: {ex.Message}");
                ok = false;
            }
        }

        return ok
            ? new EdgeCondition(key, operands.GetValueOrDefault("equals"), operands.GetValueOrDefault("not_equals"), operands.GetValueOrDefault("contains"), pattern)
            : null;
    }

    private static string? Scalar(JsonNode? node) =>
        node is JsonValue v
            ? v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.Number => v.ToJsonString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            }
            : null;
}
