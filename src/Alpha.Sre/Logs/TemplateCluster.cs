namespace Alpha.Sre.Logs;

/// <summary>One template being mined: its tokens (variables are the shared <see cref="LogVariableMasker.Wildcard"/> instance) and its statistics.</summary>
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

    /// <summary>The one position allowed to have become a variable because two plain words differed there, or -1.</summary>
    public int WordPosition { get; set; } = -1;

    /// <summary>The tree leaf holding this cluster.</summary>
    public ParseTreeNode? Leaf { get; set; }

    public string[] Tokens { get; set; }

    public long Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public string Example { get; }

    public Dictionary<string, long>? Levels { get; set; }

    /// <summary>The cluster this one was merged into, if any.</summary>
    public TemplateCluster? MergedInto { get; set; }

    public string Text => _text ??= string.Join(' ', Tokens);

    public void Invalidate() => _text = null;

    public static bool IsWildcard(string token) => ReferenceEquals(token, LogVariableMasker.Wildcard);
}
