using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Alpha.Mcp.Tests;

/// <summary>Calls a tool through the SDK's client and reads both halves of the answer.</summary>
internal static class ToolCalls
{
    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, object? arguments = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments));
        return await client.CallToolAsync(tool, args);
    }

    public static string Text(this CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    public static JsonElement Structured(this CallToolResult result)
    {
        Assert.False(result.IsError is true, result.Text());
        Assert.NotNull(result.StructuredContent);
        return result.StructuredContent!.Value;
    }
}
