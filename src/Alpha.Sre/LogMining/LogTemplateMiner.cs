namespace Alpha.Sre.LogMining;

/// <summary>
/// Online log template miner. Each line is split at white space and its values are masked
/// (<see cref="LogVariableMasker"/>); a Drain-style fixed-depth tree (token count, then the leading tokens) picks
/// the templates to compare it with; the line joins the most similar one that it agrees with (values may differ
/// anywhere, plain words at one position only: see <see cref="LogTemplateMinerOptions"/>) and the positions that
/// differ become <c>&lt;*&gt;</c>, keeping shared punctuation (<c>rhost=&lt;*&gt;</c>). Two refinements run as
/// templates change: templates that differ only in a free first word (a program or host name) merge once a few
/// such words are seen, and templates whose constant tokens are the same but whose variables span a different
/// number of tokens are reported as one. Memory grows with the number of templates, not of lines.
/// Not thread-safe: one writer at a time.
/// </summary>
public sealed class LogTemplateMiner
{
    /// <summary>Constant tokens (after the first) two templates must share to merge on a free first word.</summary>
    private const int LeadingMergeMinConstants = 4;

    /// <summary>How many of the latest templates of the same length a new template is compared with for a leading merge.</summary>
    private const int LeadingMergeWindow = 64;

    /// <summary>Constant tokens a template needs before templates of other lengths may group with it.</summary>
    private const int SkeletonMinConstants = 2;

    private readonly LogTemplateMinerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ParseTree _tree;
    private readonly Dictionary<int, List<TemplateCluster>> _byLength = [];
    private readonly Dictionary<string, SkeletonGroup> _skeletons = new(StringComparer.Ordinal);
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
        _tree = new ParseTree(_options.Depth, _options.MaxChildren);
    }

    /// <summary>The settings in use.</summary>
    public LogTemplateMinerOptions Options => _options;

    /// <summary>The number of templates (groups of clusters count once).</summary>
    public int TemplateCount => _clusters.Count(c => c.Group is null || c.Group.Members[0] == c);

    /// <summary>A snapshot of the templates, in order of creation.</summary>
    public IReadOnlyList<LogTemplate> Templates =>
        [.. _clusters.Where(c => c.Group is null || c.Group.Members[0] == c).Select(Snapshot)];

    /// <summary>The id of the cluster the last line joined, before resolving merges and groups (for exact evaluation).</summary>
    internal int LastClusterId { get; private set; }

    /// <summary>Adds a line: assigns it to a template, creating or generalising one as needed.</summary>
    /// <param name="message">The message (the line without its header; see <see cref="LogLineSplitter"/>).</param>
    /// <param name="timestamp">When the line was written; the time provider's clock when null.</param>
    /// <param name="level">The line's level, if known; counted per template.</param>
    public TemplateMatch Add(ReadOnlySpan<char> message, DateTimeOffset? timestamp = null, string? level = null)
    {
        _tokens.Load(message, _options.MaskVariables);
        var seen = timestamp ?? _timeProvider.GetUtcNow();
        var cluster = Search();
        var isNew = false;
        bool changed;
        if (cluster is null)
        {
            cluster = Create(message, seen);
            var absorbedBy = MergeLeadingSiblings(cluster);
            isNew = absorbedBy is null;
            cluster = absorbedBy ?? cluster;
            changed = true;
        }
        else
        {
            changed = TemplateComparer.Generalize(cluster, _tokens);
            if (changed)
            {
                Rekey(cluster);
                MergeCovered(cluster);
            }
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

        LastClusterId = cluster.Id;
        return new TemplateMatch(GroupId(cluster), isNew, changed, Text(cluster));
    }

    /// <summary>Finds the template a line would join, without learning from it.</summary>
    /// <returns>The match (with <see cref="TemplateMatch.Changed"/> false), or null when no template is close enough.</returns>
    public TemplateMatch? Match(ReadOnlySpan<char> message)
    {
        _tokens.Load(message, _options.MaskVariables);
        var cluster = Search();
        return cluster is null ? null : new TemplateMatch(GroupId(cluster), false, false, Text(cluster));
    }

    /// <summary>The id a template id stands for now: itself, or the template it was merged or grouped into.</summary>
    public int ResolveId(int templateId) =>
        _byId.TryGetValue(templateId, out var cluster) ? GroupId(Live(cluster)) : templateId;

    /// <summary>The template with this id (following merges), or null when there is none.</summary>
    public LogTemplate? GetTemplate(int templateId)
    {
        if (!_byId.TryGetValue(templateId, out var cluster))
        {
            return null;
        }

        cluster = Live(cluster);
        return Snapshot(cluster.Group?.Members[0] ?? cluster);
    }

    private static TemplateCluster Live(TemplateCluster cluster)
    {
        while (cluster.MergedInto is not null)
        {
            cluster = cluster.MergedInto;
        }

        return cluster;
    }

    private static int GroupId(TemplateCluster cluster) => cluster.Group?.Members[0].Id ?? cluster.Id;

    private static string Text(TemplateCluster cluster) => cluster.Group?.Text ?? cluster.Text;

    private static LogTemplate Snapshot(TemplateCluster cluster)
    {
        var members = cluster.Group?.Members ?? [cluster];
        var levels = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in members)
        {
            foreach (var (level, count) in member.Levels ?? [])
            {
                levels[level] = levels.GetValueOrDefault(level) + count;
            }
        }

        return new LogTemplate(
            GroupId(cluster),
            Text(cluster),
            members.Sum(m => m.Count),
            members.Min(m => m.FirstSeen),
            members.Max(m => m.LastSeen),
            levels,
            members[0].Example);
    }

    private void CountLevel(TemplateCluster cluster, string level)
    {
        var levels = cluster.Levels ??= new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        if (!levels.ContainsKey(level) && levels.Count >= _options.MaxLevelsPerTemplate)
        {
            level = "other";
        }

        levels[level] = levels.GetValueOrDefault(level) + 1;
    }

    private TemplateCluster? Search()
    {
        var root = _tree.Root(_tokens.Count);
        return root is null ? null : Search(root);
    }

    // Tries the child for the token first, then the variable child, so that a template whose leading token
    // became a variable is still found for a token that also has its own branch.
    private TemplateCluster? Search(ParseTreeNode node)
    {
        if (!_tree.Routes(node, _tokens.Count))
        {
            return BestMatch(node.Clusters);
        }

        var token = _tokens[node.Level];
        var exact = _tokens.Shape(node.Level) == TokenShape.Variable || ParseTree.RoutesAsVariable(token) ? null : node.Find(token);
        if (exact is not null && Search(exact) is { } found)
        {
            return found;
        }

        var variable = node.Find(LogVariableMasker.Wildcard);
        return variable is not null && variable != exact ? Search(variable) : null;
    }

    private TemplateCluster? BestMatch(List<TemplateCluster> candidates)
    {
        TemplateCluster? best = null;
        var bestSimilarity = -1.0;
        var bestVariables = -1;
        foreach (var cluster in candidates)
        {
            if (!TemplateComparer.Compare(cluster, _tokens, _options.SettledAfterLines, out var same, out var variables))
            {
                continue;
            }

            var similarity = cluster.Tokens.Length == 0 ? 1.0 : (double)(same + variables) / cluster.Tokens.Length;
            if (similarity > bestSimilarity || (similarity == bestSimilarity && variables > bestVariables))
            {
                best = cluster;
                bestSimilarity = similarity;
                bestVariables = variables;
            }
        }

        return bestSimilarity >= _options.SimilarityThreshold ? best : null;
    }

    private TemplateCluster Create(ReadOnlySpan<char> message, DateTimeOffset seen)
    {
        var tokens = new string[_tokens.Count];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = _tokens.Shape(i) == TokenShape.Variable ? LogVariableMasker.Wildcard : _tokens[i].ToString();
        }

        var example = message.Length > _options.MaxExampleLength ? message[.._options.MaxExampleLength].ToString() : message.ToString();
        var cluster = new TemplateCluster(_nextId++, tokens, example, seen);
        _clusters.Add(cluster);
        _byId.Add(cluster.Id, cluster);
        if (!_byLength.TryGetValue(tokens.Length, out var sameLength))
        {
            _byLength[tokens.Length] = sameLength = [];
        }

        sameLength.Add(cluster);
        _tree.Insert(cluster);
        Rekey(cluster);
        return cluster;
    }

    // Templates that differ only in a plain first word (a program, host or user name) and in values are one
    // event once LeadingWordsToMerge distinct first words are seen. Returns the template that absorbed the new
    // one, if any.
    private TemplateCluster? MergeLeadingSiblings(TemplateCluster created)
    {
        if (_options.LeadingWordsToMerge == 0 || created.Tokens.Length <= LeadingMergeMinConstants || TemplateCluster.IsWildcard(created.Tokens[0]))
        {
            return null;
        }

        // Only the most recent templates of that length are looked at, so that creating a template stays cheap
        // when there are very many.
        var sameLength = _byLength[created.Tokens.Length];
        var siblings = sameLength
            .Skip(Math.Max(0, sameLength.Count - LeadingMergeWindow))
            .Where(c => c != created && TemplateComparer.IsLeadingSibling(c, created, LeadingMergeMinConstants))
            .ToList();
        if (siblings.Count == 0)
        {
            return null;
        }

        var target = siblings.FirstOrDefault(s => TemplateCluster.IsWildcard(s.Tokens[0]));
        if (target is null)
        {
            var words = new HashSet<string>(siblings.Select(s => s.Tokens[0]), StringComparer.Ordinal) { created.Tokens[0] };
            if (words.Count < _options.LeadingWordsToMerge)
            {
                return null;
            }

            target = siblings[0];
            foreach (var sibling in siblings.Skip(1))
            {
                Absorb(target, sibling);
            }
        }

        Absorb(target, created);
        target.Tokens[0] = LogVariableMasker.Wildcard;
        target.WordPosition = 0;
        target.Invalidate();
        _tree.Reinsert(target);
        Rekey(target);
        MergeCovered(target);
        return target;
    }

    // A template that generalised may now cover others of its length (a word that settled in one template
    // while lines with other words made another): they are one event, and merge into it.
    private void MergeCovered(TemplateCluster general)
    {
        var sameLength = _byLength[general.Tokens.Length];
        List<TemplateCluster>? covered = null;
        foreach (var other in sameLength)
        {
            if (other != general && TemplateComparer.Covers(general, other))
            {
                (covered ??= []).Add(other);
            }
        }

        if (covered is null)
        {
            return;
        }

        foreach (var other in covered)
        {
            Absorb(general, other);
        }

        Rekey(general);
    }

    private void Absorb(TemplateCluster target, TemplateCluster other)
    {
        TemplateComparer.Generalize(target, other);
        target.Absorb(other);
        ParseTree.Remove(other);
        _byLength[other.Tokens.Length].Remove(other);
        _clusters.Remove(other);
        Ungroup(other);
    }

    // Keeps the cluster in the group of clusters sharing its constant tokens.
    private void Rekey(TemplateCluster cluster)
    {
        var constants = _options.GroupVariableLengths ? cluster.Tokens.Count(t => !TemplateCluster.IsWildcard(t)) : 0;
        var skeleton = constants >= SkeletonMinConstants
            ? string.Join('\u001f', cluster.Tokens.Where(t => !TemplateCluster.IsWildcard(t)))
            : null;
        if (string.Equals(skeleton, cluster.Skeleton, StringComparison.Ordinal))
        {
            cluster.Group?.Invalidate();
            return;
        }

        Ungroup(cluster);
        cluster.Skeleton = skeleton;
        if (skeleton is null)
        {
            return;
        }

        if (!_skeletons.TryGetValue(skeleton, out var group))
        {
            _skeletons[skeleton] = group = new SkeletonGroup();
        }

        group.Add(cluster);
    }

    private void Ungroup(TemplateCluster cluster)
    {
        if (cluster.Group is { } group)
        {
            group.Remove(cluster);
            if (group.Members.Count == 0)
            {
                _skeletons.Remove(cluster.Skeleton!);
            }
        }

        cluster.Skeleton = null;
    }
}
