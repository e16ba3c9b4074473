using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Alpha.Testing;

/// <summary>
/// FsCheck generators of documents a reader must survive: random text and bytes, YAML/JSON token soup, deep
/// nesting (up to 20,000 levels), alias chains ("billion laughs"), huge scalars and random well-formed JSON.
/// Each starts, some of the time, with <c>head</c> (the fields a document needs) so that the generated part is
/// reached by the reader rather than rejected at the first field.
/// </summary>
public static class HostileInput
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ":", ",", "\"a\"", "\"", "'", "1", "-1.5e308", "true", "null", "&a ", "*a", "- ", "? ", "\n", "  ", "\t",
        "key: ", "logs: ", "metrics: ", "config_snapshot: ", "previous: ", "!!str ", "!!binary ", "#", "---\n", "...\n", "|\n", ">\n", "%YAML 1.2\n",
        "\\u0000", "\u0000", "\uFFFF", "é", "\uD800",
    ];

    /// <summary>Any of the hostile shapes, with <paramref name="yamlHead"/> (YAML) or <paramref name="jsonHead"/> (JSON members) in front.</summary>
    public static Arbitrary<string> Documents(string yamlHead, string jsonHead) => Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
        ArbMap.Default.GeneratorFor<byte[]>().Select(b => Encoding.UTF8.GetString(b ?? [])),
        Gen.ArrayOf(Gen.Elements(Tokens)).Select(t => string.Concat(t)).SelectMany(s => Gen.Elements(s, yamlHead + s, "{" + jsonHead + s)),
        DeepNesting(yamlHead, jsonHead),
        AliasChains(yamlHead),
        HugeScalars(yamlHead, jsonHead),
        Json(4).Select(j => j.StartsWith('{') && j.Length > 2 ? "{" + jsonHead + ", " + j[1..] : j)).ToArbitrary();

    private static Gen<string> DeepNesting(string yamlHead, string jsonHead) =>
        from depth in Gen.Choose(1, 5_000)
        from kind in Gen.Choose(0, 4)
        select kind switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => "{" + jsonHead + ", \"x\": " + string.Concat(Enumerable.Repeat("{\"a\": ", depth)) + "1" + new string('}', depth) + "}",
            2 => yamlHead + "x: " + string.Concat(Enumerable.Repeat("- ", depth)) + "v\n",
            3 => yamlHead + "x: " + new string('{', depth) + new string('}', depth) + "\n",
            _ => yamlHead + string.Concat(Enumerable.Range(0, Math.Min(depth, 300)).Select(i => new string(' ', i) + "k:\n")),
        };

    private static Gen<string> AliasChains(string yamlHead) =>
        from levels in Gen.Choose(1, 12)
        from fan in Gen.Choose(1, 12)
        select yamlHead + "a0: &a0 [" + string.Join(", ", Enumerable.Repeat("lol", fan)) + "]\n"
            + string.Concat(Enumerable.Range(1, levels).Select(i => string.Create(CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", fan))}]\n")));

    private static Gen<string> HugeScalars(string yamlHead, string jsonHead) =>
        from length in Gen.Choose(0, 100_000)
        from c in Gen.Elements('a', '[', '{', '"', ':', '\n', ' ', '\\', '-')
        from json in Gen.Elements(true, false)
        select json
            ? "{" + jsonHead + ", \"logs\": [\"" + new string(c == '"' || c == '\\' ? 'x' : c, length) + "\"]}"
            : yamlHead + "logs:\n  - " + new string(c, length) + "\n";

    private static Gen<string> Json(int depth) => depth == 0
        ? Scalar()
        : Gen.Frequency(
            (3, Scalar()),
            (1, Gen.ArrayOf(Json(depth - 1)).Select(items => "[" + string.Join(", ", items) + "]")),
            (1, Gen.ArrayOf(from k in Gen.Elements("logs", "metrics", "recent_commits", "config_snapshot", "previous", "current", "a", "deployments", "traces", "topology", "detected_at")
                            from v in Json(depth - 1)
                            select "\"" + k + "\": " + v)
                .Select(members => "{" + string.Join(", ", members) + "}")));

    private static Gen<string> Scalar() => Gen.OneOf(
        ArbMap.Default.GeneratorFor<double>().Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0"),
        ArbMap.Default.GeneratorFor<long>().Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Gen.Elements("true", "false", "null", "\"\"", "\"2026-12-01T10:00:00Z\"", "\"ERROR: boom\"", "\"svc\"", "-0", "1e400"),
        ArbMap.Default.GeneratorFor<string>().Select(s => System.Text.Json.JsonSerializer.Serialize(s ?? string.Empty)));
}
