using System.Text.Json.Nodes;

namespace Alpha.Platform.Specs;

/// <summary>One declared input of a workflow.</summary>
/// <param name="Type">One of <see cref="Types"/>.</param>
/// <param name="Required">Whether a run must supply it.</param>
/// <param name="Description">What it means.</param>
/// <param name="Default">The value used when a run does not supply it.</param>
public sealed record WorkflowInput(string Type, bool Required = false, string? Description = null, JsonNode? Default = null)
{
    /// <summary>The JSON types an input may have.</summary>
    public static IReadOnlyList<string> Types { get; } = ["string", "number", "integer", "boolean", "object", "array"];
}
