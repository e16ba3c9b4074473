using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alpha.Workflows.Adapters.Graph;

/// <summary>Checks an agent's answer against the declared type of the key it writes, and normalises it.</summary>
internal static class GraphValues
{
    /// <summary>The value to store for <paramref name="answer"/>.</summary>
    /// <exception cref="InvalidOperationException">The answer is not of the key's type (the message says which step, key and type).</exception>
    public static string Coerce(GraphKeyType type, string answer, string step, string key)
    {
        var text = answer.Trim();
        switch (type.Name)
        {
            case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                return number.ToString("R", CultureInfo.InvariantCulture);
            case "boolean" when text.ToUpperInvariant() is "TRUE" or "YES":
                return "true";
            case "boolean" when text.ToUpperInvariant() is "FALSE" or "NO":
                return "false";
            case "json":
                try
                {
                    return JsonNode.Parse(text)?.ToJsonString() ?? "null";
                }
                catch (JsonException ex)
                {
                    throw Wrong(type, answer, step, key, ex.Message);
                }

            case "one_of":
                // The answer's first word picks the value ("Approve." and "approve: looks good" both give approve).
                var word = new string([.. text.TakeWhile(c => char.IsLetterOrDigit(c) || c is '_' or '-')]);
                return type.Values.FirstOrDefault(v => string.Equals(v, word, StringComparison.OrdinalIgnoreCase))
                    ?? throw Wrong(type, answer, step, key, "its first word is none of the values");
            case "string":
                return answer;
            default:
                throw Wrong(type, answer, step, key, null);
        }
    }

    /// <summary>How the key's type is described to an agent.</summary>
    public static string Describe(GraphKeyType type) => type.Name switch
    {
        "one_of" => $"start your answer with one of: {string.Join(", ", type.Values)}",
        "number" => "answer with a number only",
        "boolean" => "answer true or false only",
        "json" => "answer with JSON only",
        _ => "answer in plain text",
    };

    private static InvalidOperationException Wrong(GraphKeyType type, string answer, string step, string key, string? why)
    {
        var shown = answer.Length > 80 ? answer[..80] + "..." : answer;
        return new InvalidOperationException($"step '{step}' wrote '{shown}' to state key '{key}', which is {type}{(why is null ? string.Empty : $" ({why})")}");
    }
}
