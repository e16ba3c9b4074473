using System.Text.Json.Serialization;

namespace Alpha.Platform.Specs;

/// <summary>A dependency between two workflow nodes.</summary>
/// <param name="Source">The node that runs first (<c>from</c> in spec files).</param>
/// <param name="Target">The node that runs after it (<c>to</c> in spec files).</param>
public sealed record WorkflowEdge([property: JsonPropertyName("from")] string Source, [property: JsonPropertyName("to")] string Target);
