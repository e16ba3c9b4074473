using Alpha.Runtime.Schemas;

namespace Alpha.Platform.Specs;

/// <summary>The wire names of <see cref="SpecKind"/> (<c>agent</c>, <c>analysis</c>, <c>workflow</c>) and their version tables.</summary>
public static class SpecKindNames
{
    /// <summary>Every kind's name, in declaration order.</summary>
    public static IReadOnlyList<string> All => JsonEnumNames.All<SpecKind>();

    /// <summary>The name written in spec files and the ledger.</summary>
    public static string ToName(SpecKind kind) => JsonEnumNames.ToName<SpecKind>(kind);

    /// <summary>Parses a kind name (case-sensitive, as written in spec files); false when unknown.</summary>
    public static bool TryParse(string? name, out SpecKind kind) => JsonEnumNames.TryParse<SpecKind>(name, out kind);

    /// <summary>Parses a kind name.</summary>
    public static SpecKind Parse(string name) => JsonEnumNames.Parse<SpecKind>(name, "spec kind");

    /// <summary>The immutable table holding this kind's versions.</summary>
    public static string TableName(SpecKind kind) => $"{ToName(kind)}_spec_versions";
}
