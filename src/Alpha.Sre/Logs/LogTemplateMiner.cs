namespace Alpha.Sre.Logs;

/// <summary>
/// Online log template miner: masks values, routes each line through a fixed-depth parse tree keyed by token
/// count and leading tokens, and joins it to the most similar template in the leaf, turning the positions
/// that differ into <c>&lt;*&gt;</c>. Memory grows with the number of templates, not of lines.
/// Not thread-safe: one writer at a time.
/// </summary>
public sealed class LogTemplateMiner
{
    internal static int WordEvidence { get; set; } = 8;

    internal static bool RejectNames { get; set; } = true;

    private readonly LogTemplateMinerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<int, ParseTreeNode> _byLength = [];
    private readonly List<TemplateCluster> _clusters = [];
    private readonly Dictionary<int, TemplateCluster> _byId = [];

    private readonly LogTokenBuffer _tokens = new();
    private int _nextId = 1;

    /// <summary>Creates a miner.</summary>
    /// <param name="options">Settings; the defaults when null.</param>
    /// <param name="timeProvider">Supplies the time of lines added without a timestamp; the system clock when null.</param>
    public LogTemplateMiner(LogTemplateMinerOptions? options = null, TimeProvider? timeProvider = null)
    {
        _options = options ?? new LogTemplateMinerOptions();
        _options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The settings in use.</summary>
    public LogTemplateMinerOptions Options => _options;

    /// <summary>The number of live templates.</summary>
    public int TemplateCount => _clusters.Count;

    /// <summary>A snapshot of the live templates, in order of creation.</summary>
    public IReadOnlyList<LogTemplate> Templates => [.. _clusters.Select(Snapshot)];

    /// <summary>Adds a line: assigns it to a template, creating or generalising one as needed.</summary>
    /// <param name="message">The message (the line without its header; see <see cref="LogLineSplitter"/>).</param>
    /// <param name="timestamp">When the line was written; the time provider's clock when null.</param>
    /// <param name="level">The line's level, if known; counted per template.</param>
    public TemplateMatch Add(ReadOnlySpan<char> message, DateTimeOffset? timestamp = null, string? level = null)
    {
        Tokenize(message);
        var seen = timestamp ?? _timeProvider.GetUtcNow();
        var cluster = Search();
        bool isNew;
        bool changed;
        if (cluster is null)
        {
            cluster = Create(message, seen);
            isNew = true;
            changed = true;
        }
        else
        {
            isNew = false;
            changed = Generalize(cluster);
        }

        cluster.Count++;
        if (seen < cluster.FirstSeen)
        {
            cluster.FirstSeen = seen;
        }

        if (seen > cluster.LastSeen)
        {
            cluster.LastSeen = seen;
        }

        if (level is not null)
        {
            CountLevel(cluster, level);
        }

        return new TemplateMatch(cluster.Id, isNew, changed, cluster.Text);
    }

    /// <summary>Finds the template a line would join, without learning from it.</summary>
    /// <returns>The match (with <see cref="TemplateMatch.Changed"/> false), or null when no template is close enough.</returns>
    public TemplateMatch? Match(ReadOnlySpan<char> message)
    {
        Tokenize(message);
        var cluster = Search();
        return cluster is null ? null : new TemplateMatch(cluster.Id, false, false, cluster.Text);
    }

    /// <summary>The id a template id stands for now: itself, or the template it was merged into.</summary>
    public int ResolveId(int templateId) =>
        _byId.TryGetValue(templateId, out var cluster) ? Live(cluster).Id : templateId;

    /// <summary>The template with this id (following merges), or null when there is none.</summary>
    public LogTemplate? GetTemplate(int templateId) =>
        _byId.TryGetValue(templateId, out var cluster) ? Snapshot(Live(cluster)) : null;

    private static TemplateCluster Live(TemplateCluster cluster)
    {
        while (cluster.MergedInto is not null)
        {
            cluster = cluster.MergedInto;
        }

        return cluster;
    }

    private static LogTemplate Snapshot(TemplateCluster c) =>
        new(c.Id, c.Text, c.Count, c.FirstSeen, c.LastSeen, c.Levels is null ? new Dictionary<string, long>() : new Dictionary<string, long>(c.Levels), c.Example);

    private void CountLevel(TemplateCluster cluster, string level)
    {
        var levels = cluster.Levels ??= new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        if (!levels.ContainsKey(level) && levels.Count >= _options.MaxLevelsPerTemplate)
        {
            level = "other";
        }

        levels[level] = levels.GetValueOrDefault(level) + 1;
    }

    private ReadOnlySpan<char> Token(int i) => _tokens[i];

    private void Tokenize(ReadOnlySpan<char> message) => _tokens.Load(message, _options.MaskVariables);

    private TemplateCluster? Search()
    {
        if (!_byLength.TryGetValue(_tokens.Count, out var node))
        {
            return null;
        }

        var depth = Math.Min(_options.Depth, _tokens.Count);
        for (var d = 0; d < depth; d++)
        {
            var next = _tokens.Shape(d) == TokenShape.Variable ? null : node.Find(Token(d));
            next ??= node.Find(LogVariableMasker.Wildcard);
            if (next is null)
            {
                return null;
            }

            node = next;
        }

        return BestMatch(node.Clusters);
    }

    private TemplateCluster? BestMatch(List<TemplateCluster> candidates)
    {
        TemplateCluster? best = null;
        var bestSimilarity = -1.0;
        var bestWildcards = -1;
        foreach (var cluster in candidates)
        {
            if (!Compare(cluster, out var same, out var wildcards))
            {
                continue;
            }

            var similarity = cluster.Tokens.Length == 0 ? 1.0 : (double)(same + wildcards) / cluster.Tokens.Length;
            if (similarity > bestSimilarity || (similarity == bestSimilarity && wildcards > bestWildcards))
            {
                best = cluster;
                bestSimilarity = similarity;
                bestWildcards = wildcards;
            }
        }

        return bestSimilarity >= _options.SimilarityThreshold ? best : null;
    }

    // Compares the current line with a template position by position. Positions where the template is a
    // variable, or a pattern the token fits, agree. Where they differ, a difference inside values is allowed;
    // a difference between plain words is allowed at one position per template only, because templates that
    // differ in wording are different events (state names, phrases), while one free word is a name or a user.
    private bool Compare(TemplateCluster cluster, out int same, out int wildcards)
    {
        same = 0;
        wildcards = 0;
        var wordPosition = cluster.WordPosition;
        var tokens = cluster.Tokens;
        for (var i = 0; i < tokens.Length; i++)
        {
            var template = tokens[i];
            var token = Token(i);
            if (TemplateCluster.IsWildcard(template))
            {
                wildcards++;
            }
            else if (token.SequenceEqual(template))
            {
                same++;
            }
            else if (TokenGeneralizer.Fits(template, token))
            {
                wildcards++;
            }
            else if (TokenGeneralizer.Classify(template, token) is var difference && difference != TokenDifference.Value)
            {
                if (difference == TokenDifference.Name && RejectNames)
                {
                    return false;
                }

                // A word that many lines have repeated is part of the event, not a free name.
                if ((wordPosition >= 0 && wordPosition != i) || cluster.Count >= WordEvidence)
                {
                    return false;
                }

                wordPosition = i;
            }
        }

        return true;
    }

    private bool Generalize(TemplateCluster cluster)
    {
        var tokens = cluster.Tokens;
        var changed = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var template = tokens[i];
            if (TemplateCluster.IsWildcard(template) || Token(i).SequenceEqual(template) || TokenGeneralizer.Fits(template, Token(i)))
            {
                continue;
            }

            if (TokenGeneralizer.Classify(template, Token(i)) != TokenDifference.Value)
            {
                cluster.WordPosition = i;
            }

            tokens[i] = TokenGeneralizer.Generalize(template, Token(i));
            changed = true;
        }

        if (changed)
        {
            cluster.Invalidate();
        }

        return changed;
    }

    private TemplateCluster Create(ReadOnlySpan<char> message, DateTimeOffset seen)
    {
        var tokens = new string[_tokens.Count];
        for (var i = 0; i < _tokens.Count; i++)
        {
            tokens[i] = _tokens.Shape(i) == TokenShape.Variable ? LogVariableMasker.Wildcard : Token(i).ToString();
        }

        var example = message.Length > _options.MaxExampleLength ? message[.._options.MaxExampleLength].ToString() : message.ToString();
        var cluster = new TemplateCluster(_nextId++, tokens, example, seen);
        _clusters.Add(cluster);
        _byId.Add(cluster.Id, cluster);

        if (!_byLength.TryGetValue(_tokens.Count, out var node))
        {
            _byLength[_tokens.Count] = node = new ParseTreeNode();
        }

        var depth = Math.Min(_options.Depth, _tokens.Count);
        for (var d = 0; d < depth; d++)
        {
            var token = tokens[d];
            if (TemplateCluster.IsWildcard(token))
            {
                node = node.GetOrAdd(LogVariableMasker.Wildcard);
            }
            else if (node.Find(token) is { } existing)
            {
                node = existing;
            }
            else if (node.ChildCount + 1 < _options.MaxChildren)
            {
                node = node.GetOrAdd(token);
            }
            else
            {
                node = node.GetOrAdd(LogVariableMasker.Wildcard);
            }
        }

        node.Clusters.Add(cluster);
        return cluster;
    }
}
