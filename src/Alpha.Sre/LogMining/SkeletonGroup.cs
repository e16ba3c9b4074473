namespace Alpha.Sre.LogMining;

/// <summary>
/// Templates of different token counts whose constant tokens are the same, in the same order: one event
/// whose variables sometimes span several tokens (a list of block ids, an optional value). They are shown and
/// counted as one template; where the members' runs of variables differ in length, the run reads <c>&lt;*&gt;</c>.
/// </summary>
internal sealed class SkeletonGroup
{
    private string? _text;

    /// <summary>The members, by ascending id; the first one's id is the group's.</summary>
    public List<TemplateCluster> Members { get; } = [];

    public void Invalidate() => _text = null;

    public void Add(TemplateCluster cluster)
    {
        var at = Members.FindIndex(m => m.Id > cluster.Id);
        Members.Insert(at < 0 ? Members.Count : at, cluster);
        cluster.Group = this;
        _text = null;
    }

    public void Remove(TemplateCluster cluster)
    {
        Members.Remove(cluster);
        cluster.Group = null;
        _text = null;
    }

    public string Text => _text ??= Render();

    private string Render()
    {
        if (Members.Count == 1)
        {
            return Members[0].Text;
        }

        var runs = Members.Select(Runs).ToList();
        var first = Members[0].Tokens;
        var constants = first.Where(t => !TemplateCluster.IsWildcard(t)).ToList();
        var parts = new List<string>(first.Length);
        for (var k = 0; k <= constants.Count; k++)
        {
            var length = runs[0][k];
            var same = runs.All(r => r[k] == length);
            for (var v = 0; v < (same ? length : 1); v++)
            {
                parts.Add(LogVariableMasker.Wildcard);
            }

            if (k < constants.Count)
            {
                parts.Add(constants[k]);
            }
        }

        return string.Join(' ', parts);
    }

    // The number of variables before each constant token, and after the last one.
    private static int[] Runs(TemplateCluster cluster)
    {
        var runs = new List<int> { 0 };
        foreach (var token in cluster.Tokens)
        {
            if (TemplateCluster.IsWildcard(token))
            {
                runs[^1]++;
            }
            else
            {
                runs.Add(0);
            }
        }

        return [.. runs];
    }
}
