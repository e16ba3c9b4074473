namespace Alpha.Platform.Specs;

/// <summary>One problem in a spec document: where it is and what to do about it.</summary>
/// <param name="Source">The document (file path, or a name such as <c>stdin</c>).</param>
/// <param name="Line">1-based line, when known.</param>
/// <param name="Field">The field as a path (<c>nodes[1].adapter</c>; <c>$</c> for the whole document).</param>
/// <param name="Message">The rule that was broken.</param>
public sealed record SpecError(string Source, int? Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line is { } l ? $"{Source}:{l}: {Field}: {Message}" : $"{Source}: {Field}: {Message}";
}
