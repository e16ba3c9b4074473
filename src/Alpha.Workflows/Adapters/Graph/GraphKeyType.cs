namespace Alpha.Workflows.Adapters.Graph;

/// <summary>The declared type of a graph state key: an agent's answer is checked and normalised to it when written.</summary>
/// <param name="Name"><c>string</c>, <c>number</c>, <c>boolean</c>, <c>json</c>, or <c>one_of</c> for a list of values.</param>
/// <param name="Values">The allowed values of a <c>one_of</c> key (written as a list in the spec).</param>
internal sealed record GraphKeyType(string Name, IReadOnlyList<string> Values)
{
    /// <summary>The type names a spec may write (a list of values is the fifth form).</summary>
    public static IReadOnlyList<string> Names { get; } = ["string", "number", "boolean", "json"];

    /// <summary>Plain text.</summary>
    public static GraphKeyType Text { get; } = new("string", []);

    /// <inheritdoc />
    public override string ToString() => Name == "one_of" ? $"one of {string.Join(", ", Values)}" : Name;
}
