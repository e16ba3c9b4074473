using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Aggregation;

/// <summary>
/// Ranks accepted hypotheses. A hypothesis that names its subject (<see cref="Hypothesis.Service"/>, filled by the
/// vertical) and fault family (<see cref="Hypothesis.FaultType"/>) is grouped on that pair; two different subjects
/// never merge. Other labels are grouped by their canonical stems (<see cref="LabelNormalizer"/>):
/// equal stem sets meet in one dictionary lookup, and (optionally) a label whose stems are contained in a
/// larger group's joins it, found through the postings of its rarest stem, so no all-pairs comparison is
/// ever made. A group keeps its highest confidence, earns <see cref="AggregatorOptions.AgreementBonus"/>
/// per additional distinct agent, merges agents and evidence, and the groups are sorted by score with a
/// deterministic tie-break (more agents, higher confidence, then label and service in ordinal order).
/// </summary>
public sealed class Aggregator
{
    private readonly AggregatorOptions _options;

    /// <summary>Creates an aggregator.</summary>
    public Aggregator(AggregatorOptions? options = null)
    {
        _options = options ?? new AggregatorOptions();
        _options.Validate();
    }

    /// <summary>The options in use.</summary>
    public AggregatorOptions Options => _options;

    /// <summary>Groups and ranks <paramref name="hypotheses"/>; returns the top k and the number of groups.</summary>
    public AggregationResult Aggregate(IReadOnlyList<Hypothesis> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        var groups = new List<Group>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var hypothesis in hypotheses)
        {
            var tokens = LabelNormalizer.Tokens(hypothesis.Label);
            // A hypothesis that names its subject (service) and fault family is grouped on that pair, whatever its
            // wording; the label's stems are the key only when one of them is missing.
            var key = hypothesis.Service is { } subject && hypothesis.FaultType is { } family
                ? "\u0001" + subject + "\u0001" + family
                : tokens.Length > 0 ? string.Join(' ', tokens) : hypothesis.Label.Trim().ToLowerInvariant();
            if (!byKey.TryGetValue(key, out var index))
            {
                index = groups.Count;
                byKey.Add(key, index);
                groups.Add(new Group(key, tokens, hypothesis.Service));
            }

            groups[index].Members.Add(hypothesis);
        }

        var parent = new int[groups.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        if (_options.MergeSubsets && groups.Count > 1)
        {
            MergeContainedGroups(groups, parent);
        }

        // Members per root group; a group nothing merged into keeps its own list.
        var roots = new int[groups.Count];
        var sizes = new int[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            roots[i] = Find(parent, i);
            sizes[roots[i]]++;
        }

        var members = new Dictionary<int, List<Hypothesis>>();
        var order = new List<int>();
        for (var i = 0; i < groups.Count; i++)
        {
            var root = roots[i];
            if (sizes[root] == 1)
            {
                members.Add(root, groups[i].Members);
                order.Add(root);
            }
            else if (members.TryGetValue(root, out var list))
            {
                list.AddRange(groups[i].Members);
            }
            else
            {
                members.Add(root, [.. groups[i].Members]);
                order.Add(root);
            }
        }

        // Rank on light keys; build the full result only for the top k.
        var keys = new List<RankKey>(order.Count);
        foreach (var root in order)
        {
            keys.Add(Key(members[root]));
        }

        keys.Sort(static (x, y) => CompareKeys(x, y));
        var top = new List<RankedHypothesis>(Math.Min(_options.TopK, keys.Count));
        for (var i = 0; i < keys.Count && i < _options.TopK; i++)
        {
            top.Add(Rank(keys[i].Members));
        }

        return new AggregationResult(top, keys.Count);
    }

    /// <summary>The ranking order: score, then agent count, then confidence (all descending), then label and service (ordinal).</summary>
    public static int CompareRanked(RankedHypothesis? x, RankedHypothesis? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return 1;
        }

        if (y is null)
        {
            return -1;
        }

        var c = y.Score.CompareTo(x.Score);
        if (c != 0)
        {
            return c;
        }

        c = y.ContributingAgents.Count.CompareTo(x.ContributingAgents.Count);
        if (c != 0)
        {
            return c;
        }

        c = y.Confidence.CompareTo(x.Confidence);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Label, y.Label);
        return c != 0 ? c : string.CompareOrdinal(x.Service, y.Service);
    }

    private RankKey Key(List<Hypothesis> members)
    {
        var best = Best(members);
        var agents = members.Count == 1 ? 1 : members.Select(m => m.ContributingAgent).Distinct(StringComparer.Ordinal).Count();
        return new RankKey(members, best, agents, Score(best.Confidence, agents), ServiceOf(best, members));
    }

    private static Hypothesis Best(List<Hypothesis> members)
    {
        var best = members[0];
        foreach (var member in members)
        {
            if (member.Confidence > best.Confidence)
            {
                best = member;
            }
        }

        return best;
    }

    private static string? ServiceOf(Hypothesis best, List<Hypothesis> members) =>
        best.Service ?? members.Where(m => m.Service is not null).MaxBy(m => m.Confidence)?.Service;

    // Rounded so that 0.7 + 0.1 ties with 0.8 instead of losing to it by one ulp.
    private double Score(double confidence, int agents) => Math.Round(confidence + (_options.AgreementBonus * (agents - 1)), 12);

    private static int CompareKeys(RankKey x, RankKey y)
    {
        var c = y.Score.CompareTo(x.Score);
        if (c != 0)
        {
            return c;
        }

        c = y.Agents.CompareTo(x.Agents);
        if (c != 0)
        {
            return c;
        }

        c = y.Best.Confidence.CompareTo(x.Best.Confidence);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Best.Label, y.Best.Label);
        return c != 0 ? c : string.CompareOrdinal(x.Service, y.Service);
    }

    private RankedHypothesis Rank(List<Hypothesis> members)
    {
        var best = Best(members);
        var severity = best.Severity;
        var agents = new SortedSet<string>(StringComparer.Ordinal);
        var signals = new List<string>();
        var seenSignals = new HashSet<string>(StringComparer.Ordinal);
        var labels = new List<string>();
        var seenLabels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.Severity > severity)
            {
                severity = member.Severity;
            }

            agents.Add(member.ContributingAgent);
            foreach (var id in member.SupportingSignals)
            {
                if (seenSignals.Add(id))
                {
                    signals.Add(id);
                }
            }

            if (seenLabels.Add(member.Label))
            {
                labels.Add(member.Label);
            }
        }

        var service = ServiceOf(best, members);
        var faultType = best.FaultType ?? members.Where(m => m.FaultType is not null).MaxBy(m => m.Confidence)?.FaultType;
        var score = Math.Round(best.Confidence + (_options.AgreementBonus * (agents.Count - 1)), 12);
        return new RankedHypothesis(best.Label, best.Description, service, faultType, best.Confidence, score, severity, signals, [.. agents], labels);
    }

    private void MergeContainedGroups(List<Group> groups, int[] parent)
    {
        // Postings: stem -> groups whose stem set contains it.
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var token in groups[i].Tokens)
            {
                if (!postings.TryGetValue(token, out var list))
                {
                    list = [];
                    postings.Add(token, list);
                }

                list.Add(i);
            }
        }

        // Smallest stem sets first, so a label climbs to the closest group that contains it.
        var bySize = Enumerable.Range(0, groups.Count)
            .Where(i => groups[i].Tokens.Length >= _options.MinSubsetTokens)
            .OrderBy(i => groups[i].Tokens.Length)
            .ThenBy(i => groups[i].Key, StringComparer.Ordinal)
            .ToArray();
        foreach (var i in bySize)
        {
            var tokens = groups[i].Tokens;
            var rarest = tokens[0];
            foreach (var token in tokens)
            {
                if (postings[token].Count < postings[rarest].Count)
                {
                    rarest = token;
                }
            }

            var chosen = -1;
            foreach (var candidate in postings[rarest])
            {
                var other = groups[candidate];
                // Two different subjects never merge: "packet loss in order" is not a part of "packet loss in order-other".
                if (other.Tokens.Length <= tokens.Length || !Contains(other.Tokens, tokens)
                    || (groups[i].Subject is { } mine && other.Subject is { } theirs && !string.Equals(mine, theirs, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (chosen < 0 || IsCloser(other, groups[chosen]))
                {
                    chosen = candidate;
                }
            }

            if (chosen >= 0)
            {
                var a = Find(parent, i);
                var b = Find(parent, chosen);
                if (a != b)
                {
                    parent[a] = b;
                }
            }
        }
    }

    private static bool IsCloser(Group candidate, Group current)
    {
        if (candidate.Tokens.Length != current.Tokens.Length)
        {
            return candidate.Tokens.Length < current.Tokens.Length;
        }

        var c = candidate.MaxConfidence.CompareTo(current.MaxConfidence);
        return c != 0 ? c > 0 : string.CompareOrdinal(candidate.Key, current.Key) < 0;
    }

    // Both arrays are sorted ordinally and distinct.
    private static bool Contains(string[] superset, string[] subset)
    {
        var j = 0;
        foreach (var token in superset)
        {
            if (j < subset.Length && string.Equals(token, subset[j], StringComparison.Ordinal))
            {
                j++;
            }
        }

        return j == subset.Length;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private readonly record struct RankKey(List<Hypothesis> Members, Hypothesis Best, int Agents, double Score, string? Service);

    private sealed class Group(string key, string[] tokens, string? subject)
    {
        public string Key { get; } = key;

        public string? Subject { get; } = subject;

        public string[] Tokens { get; } = tokens;

        public List<Hypothesis> Members { get; } = [];

        public double MaxConfidence => Members.Max(m => m.Confidence);
    }
}
