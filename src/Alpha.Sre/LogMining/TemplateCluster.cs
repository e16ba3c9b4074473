namespace Alpha.Sre.LogMining;

/// <summary>
/// One template of a fixed token count being mined: its tokens (variables are the shared
/// <see cref="LogVariableMasker.Wildcard"/> instance) and the statistics of the lines it took.
/// </summary>
internal sealed class TemplateCluster
{
    private string? _text;

    public TemplateCluster(int id, string[] tokens, string example, DateTimeOffset seen)
    {
        Id = id;
        Tokens = tokens;
        Example = example;
        FirstSeen = seen;
        LastSeen = seen;
    }

    public int Id { get; }

    public string[] Tokens { get; }

    /// <summary>The one position allowed to have become a variable because plain words differed there, or -1.</summary>
    public int WordPosition { get; set; } = -1;

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public string Example { get; }

    public Dictionary<string, long>? Levels { get; set; }

    /// <summary>The tree leaf holding this cluster.</summary>
    public ParseTreeNode? Leaf { get; set; }

    /// <summary>The cluster this one was merged into, if any.</summary>
    public TemplateCluster? MergedInto { get; set; }

    /// <summary>The clusters of other lengths that share this one's constant tokens, if any.</summary>
    public SkeletonGroup? Group { get; set; }

    /// <summary>The constant tokens in order, joined; null when too few constants to group by.</summary>
    public string? Skeleton { get; set; }

    public string Text => _text ??= string.Join(' ', Tokens);

    public void Invalidate() => _text = null;

    public static bool IsWildcard(string token) => ReferenceEquals(token, LogVariableMasker.Wildcard);

    public void Absorb(TemplateCluster other)
    {
        Count += other.Count;
        FirstSeen = other.FirstSeen < FirstSeen ? other.FirstSeen : FirstSeen;
        LastSeen = other.LastSeen > LastSeen ? other.LastSeen : LastSeen;
        if (other.Levels is not null)
        {
            Levels ??= new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
            foreach (var (level, count) in other.Levels)
            {
                Levels[level] = Levels.GetValueOrDefault(level) + count;
            }
        }

        other.MergedInto = this;
    }
}
