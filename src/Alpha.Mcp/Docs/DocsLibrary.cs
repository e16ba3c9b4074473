using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Alpha.Mcp.Docs;

/// <summary>
/// The project's own docs (README.md and docs/*.md, embedded in this assembly when it is built, so the pages always
/// match the code they ship with), split into sections at headings, searchable with BM25.
/// </summary>
public sealed partial class DocsLibrary
{
    // BM25's usual constants (Robertson and Zaragoza); a heading's words count as HeadingWeight occurrences, since a
    // section named after the query is usually the one to read.
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int HeadingWeight = 3;
    private const int SnippetChars = 280;

    private readonly Dictionary<string, DocPage> _byPage;
    private readonly List<(DocSection Section, Dictionary<string, int> Terms, int Length)> _index = [];
    private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    /// <summary>A library over <paramref name="pages"/> (path and Markdown).</summary>
    public DocsLibrary(IEnumerable<(string Page, string Markdown)> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        Pages = [.. pages.OrderBy(p => p.Page == "README.md" ? 0 : 1).ThenBy(p => p.Page, StringComparer.Ordinal).Select(p => Split(p.Page, p.Markdown))];
        _byPage = Pages.ToDictionary(p => p.Page, StringComparer.OrdinalIgnoreCase);
        foreach (var section in Pages.SelectMany(p => p.Sections))
        {
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var word in Words(section.Text))
            {
                terms[word] = terms.GetValueOrDefault(word) + 1;
            }

            foreach (var word in Words(section.Heading))
            {
                terms[word] = terms.GetValueOrDefault(word) + HeadingWeight;
            }

            foreach (var word in terms.Keys)
            {
                _documentFrequency[word] = _documentFrequency.GetValueOrDefault(word) + 1;
            }

            _index.Add((section, terms, terms.Values.Sum()));
        }

        _averageLength = _index.Count == 0 ? 1 : Math.Max(1, _index.Average(s => s.Length));
    }

    /// <summary>The docs this assembly was built with.</summary>
    public static DocsLibrary Embedded { get; } = FromAssembly(typeof(DocsLibrary).Assembly);

    /// <summary>Every page, README.md first, then by path.</summary>
    public IReadOnlyList<DocPage> Pages { get; }

    /// <summary>A page by its path (<c>docs/server.md</c>), its file name (<c>server.md</c>) or its name (<c>server</c>); null when none.</summary>
    public DocPage? Find(string page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var wanted = page.Trim().TrimStart('.', '/').Replace('\\', '/');
        var hash = wanted.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            wanted = wanted[..hash];
        }

        foreach (var candidate in new[] { wanted, $"docs/{wanted}", $"{wanted}.md", $"docs/{wanted}.md" })
        {
            if (_byPage.TryGetValue(candidate, out var found))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The sections that best match <paramref name="query"/>, best first, each scored (BM25) with the lines that match.</summary>
    public IReadOnlyList<(DocSection Section, double Score, string Snippet)> Search(string query, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = Words(query).Distinct(StringComparer.Ordinal).ToArray();
        if (terms.Length == 0)
        {
            return [];
        }

        var results = new List<(DocSection, double, string)>();
        foreach (var (section, counts, length) in _index)
        {
            var score = 0.0;
            foreach (var term in terms)
            {
                if (!counts.TryGetValue(term, out var tf))
                {
                    continue;
                }

                var df = _documentFrequency[term];
                var idf = Math.Log(1 + ((_index.Count - df + 0.5) / (df + 0.5)));
                score += idf * (tf * (K1 + 1)) / (tf + (K1 * (1 - B + (B * length / _averageLength))));
            }

            if (score > 0)
            {
                results.Add((section, Math.Round(score, 3), Snippet(section.Text, terms)));
            }
        }

        return [.. results.OrderByDescending(r => r.Item2).ThenBy(r => r.Item1.Citation, StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Anchor(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var text = new StringBuilder();
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                text.Append(c);
            }
            else if (c == ' ')
            {
                text.Append('-');
            }
        }

        return text.ToString();
    }

    private static DocsLibrary FromAssembly(Assembly assembly)
    {
        var pages = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".md", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            pages.Add((name, reader.ReadToEnd()));
        }

        return new DocsLibrary(pages);
    }

    private static DocPage Split(string page, string markdown)
    {
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var sections = new List<DocSection>();
        string? title = null;
        var heading = page;
        var start = 0;
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            if (fenced || HeadingLine().Match(lines[i]) is not { Success: true } match)
            {
                continue;
            }

            Add(start, i);
            heading = match.Groups[1].Value.Trim();
            title ??= heading;
            start = i;
        }

        Add(start, lines.Length);
        return new DocPage(page, title ?? page, text, sections);

        void Add(int from, int to)
        {
            var body = string.Join('\n', lines[from..to]).TrimEnd();
            if (body.Length > 0)
            {
                sections.Add(new DocSection(page, heading, Anchor(heading.Replace("`", string.Empty, StringComparison.Ordinal)), body));
            }
        }
    }

    private static string Snippet(string text, string[] terms)
    {
        var best = text.Split('\n')
            .Select((line, i) => (line, i, hits: Words(line).Distinct(StringComparer.Ordinal).Count(terms.Contains)))
            .Where(l => l.hits > 0)
            .OrderByDescending(l => l.hits)
            .ThenBy(l => l.i)
            .Select(l => l.line.Trim())
            .FirstOrDefault() ?? text.Split('\n')[0];
        return best.Length <= SnippetChars ? best : best[..SnippetChars] + "...";
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 2);

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex WordPattern();
}
