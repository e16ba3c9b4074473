using System.Collections.Frozen;

namespace Alpha.Runtime.Aggregation;

/// <summary>
/// Turns a hypothesis label into a canonical set of word stems so that differently worded labels of the
/// same cause meet: "DB connection pool exhausted" and "database connection-pool exhaustion" both become
/// {connect, database, exhaust, pool}. Lower-cases, splits on anything that is not a letter or digit,
/// expands common abbreviations, drops filler words and strips common English suffixes.
/// </summary>
public static class LabelNormalizer
{
    private static readonly FrozenDictionary<string, string> Synonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["db"] = "database",
        ["dbs"] = "database",
        ["conn"] = "connection",
        ["conns"] = "connection",
        ["mem"] = "memory",
        ["ram"] = "memory",
        ["oom"] = "memory",
        ["cfg"] = "config",
        ["configuration"] = "config",
        ["svc"] = "service",
        ["deployment"] = "deploy",
        ["deployed"] = "deploy",
        ["latencies"] = "latency",
        ["cpus"] = "cpu",
        ["timed"] = "timeout",
        ["timeouts"] = "timeout",
        ["k8s"] = "kubernetes",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "is", "are", "was", "were", "be", "been",
        "by", "with", "from", "and", "or", "due", "after", "during", "its", "it", "this", "that", "as",
        "into", "out", "via", "possible", "likely", "probable", "suspected",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> SynonymLookup = Synonyms.GetAlternateLookup<ReadOnlySpan<char>>();

    // Longest first; a suffix is only stripped when at least MinStem characters remain.
    private static readonly string[] Suffixes = ["ations", "ation", "ated", "ates", "ions", "ings", "ion", "ing", "ate", "ies", "ed", "es", "s", "e"];
    private const int MinStem = 3;

    /// <summary>The canonical, sorted, distinct stems of <paramref name="label"/>.</summary>
    public static string[] Tokens(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var tokens = new SortedSet<string>(StringComparer.Ordinal);
        var span = label.AsSpan();
        // Words are lower-cased here and looked up as spans: a filler word or an abbreviation allocates nothing.
        Span<char> buffer = stackalloc char[64];
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var isWord = i < span.Length && char.IsLetterOrDigit(span[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var word = span[start..i];
                start = -1;
                if (word.Length > buffer.Length)
                {
                    var longWord = word.ToString().ToLowerInvariant();
                    if (!StopWords.Contains(longWord))
                    {
                        tokens.Add(Stem(Synonyms.GetValueOrDefault(longWord, longWord)));
                    }

                    continue;
                }

                var lower = buffer[..word.ToLowerInvariant(buffer)];
                if (StopWordLookup.Contains(lower))
                {
                    continue;
                }

                tokens.Add(Stem(SynonymLookup.TryGetValue(lower, out var synonym) ? synonym : new string(lower)));
            }
        }

        return [.. tokens];
    }

    /// <summary>The canonical key of <paramref name="label"/>: its stems joined by a space.</summary>
    public static string Key(string label) => string.Join(' ', Tokens(label));

    /// <summary>Strips one common English suffix (a light stemmer; enough to join inflections of one word).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= MinStem || char.IsDigit(word[^1]))
        {
            return word;
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= MinStem && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                return suffix == "ies" ? stem + "y" : stem;
            }
        }

        return word;
    }
}
