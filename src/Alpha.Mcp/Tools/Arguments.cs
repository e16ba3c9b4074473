using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;

namespace Alpha.Mcp.Tools;

/// <summary>Argument checks shared by the tools; each failure names the argument, says what is wrong and what to do.</summary>
internal static class Arguments
{
    public static int Range(int value, string argument, int min, int max)
    {
        if (value < min || value > max)
        {
            throw ToolResults.Invalid(argument, $"{value} is out of range", $"Give a whole number from {min} to {max}.");
        }

        return value;
    }

    public static string? Optional(string? value, string argument)
    {
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw ToolResults.Invalid(argument, "is empty", "Leave it out or give a non-empty string.");
        }

        return value.Trim();
    }

    public static string Required(string? value, string argument, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ToolResults.Invalid(argument, "is required", $"Give {what}.");
        }

        return value.Trim();
    }

    /// <summary>A document argument given inline: a JSON object as is, or a string holding JSON or YAML text. Checked against the input size limit.</summary>
    public static string DocumentText(JsonElement value, string argument, InputLimits limits)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Object => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => throw ToolResults.Invalid(argument, $"is a JSON {value.ValueKind.ToString().ToLowerInvariant()}", "Give a JSON object, or a string holding the JSON or YAML text."),
        };
        if (text.Length > limits.MaxBytes)
        {
            throw ToolResults.Invalid(argument, $"is {text.Length} characters, over the input limit of {limits.MaxBytes} bytes", $"Send a smaller document, or raise {InputLimits.MaxBytesVariable} where Alpha runs.");
        }

        return text;
    }

    /// <summary>An <see cref="InvalidInputException"/> as a tool error: the argument, the field, the line and the rule.</summary>
    public static ModelContextProtocol.McpException Input(string argument, InvalidInputException ex) =>
        new($"{argument}: {ex.Field}{(ex.Line is { } line ? $" (line {line})" : string.Empty)}: {ex.Rule}. Fix it and call again; fetch_page incident-format.md describes the incident format.");
}
