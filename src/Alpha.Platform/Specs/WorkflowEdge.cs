using System.Text.Json.Serialization;

namespace Alpha.Platform.Specs;

/// <summary>A dependency between two workflow nodes, optionally conditional.</summary>
/// <param name="Source">The node that runs first (<c>from</c> in spec files).</param>
/// <param name="Target">The node that runs after it (<c>to</c> in spec files).</param>
/// <param name="When">
/// The edge's condition (<c>when</c>); null for an unconditional edge. A node whose incoming edges are all false
/// (or come from skipped nodes) is skipped.
/// </param>
public sealed record WorkflowEdge(
    [property: JsonPropertyName("from")] string Source,
    [property: JsonPropertyName("to")] string Target,
    EdgeCondition? When = null);
