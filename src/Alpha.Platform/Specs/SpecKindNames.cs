namespace Alpha.Platform.Specs;

/// <summary>The wire names of <see cref="SpecKind"/> (<c>agent</c>, <c>analysis</c>, <c>workflow</c>) and their version tables.</summary>
public static class SpecKindNames
{
    /// <summary>Every kind's name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = ["agent", "analysis", "workflow"];

    /// <summary>The name written in spec files and the ledger.</summary>
    public static string ToName(SpecKind kind) => kind switch
    {
        SpecKind.Agent => "agent",
        SpecKind.Analysis => "analysis",
        SpecKind.Workflow => "workflow",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown spec kind."),
    };

    /// <summary>Parses a kind name (case-sensitive, as written in spec files); false when unknown.</summary>
    public static bool TryParse(string? name, out SpecKind kind)
    {
        switch (name)
        {
            case "agent":
                kind = SpecKind.Agent;
                return true;
            case "analysis":
                kind = SpecKind.Analysis;
                return true;
            case "workflow":
                kind = SpecKind.Workflow;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>Parses a kind name.</summary>
    /// <exception cref="FormatException">Unknown name.</exception>
    public static SpecKind Parse(string name) =>
        TryParse(name, out var kind) ? kind : throw new FormatException($"'{name}' is not a spec kind; use one of {string.Join(", ", All)}.");

    /// <summary>The immutable table holding this kind's versions.</summary>
    public static string TableName(SpecKind kind) => kind switch
    {
        SpecKind.Agent => "agent_spec_versions",
        SpecKind.Analysis => "analysis_spec_versions",
        SpecKind.Workflow => "workflow_spec_versions",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown spec kind."),
    };
}
