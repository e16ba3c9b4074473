using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Alpha.Mcp.Tools;

/// <summary>Every tool answers twice: structured content (the typed record, snake_case) for programs, and readable text for people and models.</summary>
internal static class ToolResults
{
    public static CallToolResult Of<T>(T value, string text) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        StructuredContent = JsonSerializer.SerializeToElement(value, McpJson.Options),
    };

    /// <summary>A bad argument: which one, what is wrong with it, and what to do (the client sees the message; no secret goes in it).</summary>
    public static McpException Invalid(string argument, string problem, string fix) => new($"{argument}: {problem}. {fix}");
}
