namespace Alpha.Testing.Loopback;

/// <summary>One request the <see cref="LoopbackVendorServer"/> received, for assertions.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, e.g. <c>/api/0/projects/acme/checkout/issues/</c>.</param>
/// <param name="Query">Query parameters (repeated names comma-joined; values unescaped).</param>
/// <param name="Headers">Every request header (names case-insensitive; repeated values comma-joined).</param>
public sealed record LoopbackVendorRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A query parameter's value, or null.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}
