using System.Text.Json.Serialization;

namespace Alpha.Platform.Specs;

/// <summary>
/// A spec: the declarative description of an agent, an analysis or a workflow. Its identity is its
/// <see cref="Name"/>; its content, in canonical JSON (<see cref="SpecCanonicalizer"/>), is hashed into the
/// spec_hash that locks a version in the ledger.
/// </summary>
/// <param name="Name">Unique name within its kind: letters, digits, <c>_</c>, <c>-</c>, <c>.</c>.</param>
/// <param name="Description">What it is for, for people.</param>
public abstract record Spec(string Name, string? Description)
{
    /// <summary>Which kind of spec (and so which version table).</summary>
    [JsonIgnore]
    public abstract SpecKind Kind { get; }
}
