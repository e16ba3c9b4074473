namespace Alpha.Sre.Integrations.Http;

/// <summary>One link of an RFC 8288 <c>Link</c> header: its target and its parameters (<c>rel</c>, and Sentry's <c>results</c> and <c>cursor</c>).</summary>
/// <param name="Target">The URI reference between the angle brackets.</param>
/// <param name="Parameters">Parameters by lower-case name, unquoted.</param>
internal sealed record LinkValue(string Target, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>A parameter's value, or null.</summary>
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when the <c>rel</c> parameter lists <paramref name="relation"/>.</summary>
    public bool Is(string relation) =>
        this["rel"] is { } rel && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(relation, StringComparer.OrdinalIgnoreCase);
}
