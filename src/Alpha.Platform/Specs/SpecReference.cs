namespace Alpha.Platform.Specs;

/// <summary>
/// A reference from one spec to another by name, optionally pinned to a version number. Written as
/// <c>name</c>, <c>name@3</c> or <c>{name: ..., version: 3}</c>; all three forms hash the same.
/// </summary>
/// <param name="Name">The referenced spec's name.</param>
/// <param name="Version">The pinned version number; null means the latest when dispatched.</param>
public sealed record SpecReference(string Name, int? Version = null)
{
    /// <inheritdoc />
    public override string ToString() => Version is { } v ? $"{Name}@{v}" : Name;
}
