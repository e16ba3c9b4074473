namespace Alpha.Sre.LogMining;

/// <summary>A node of the parse tree: children by token while it routes, candidate clusters once it is a leaf.</summary>
internal sealed class ParseTreeNode(int level)
{
    private Dictionary<string, ParseTreeNode>? _children;
    private Dictionary<string, ParseTreeNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>The token position this node's children are keyed by (the number of tokens routed so far).</summary>
    public int Level { get; } = level;

    /// <summary>Whether this node, below the tree's fixed depth, was split because it held too many clusters.</summary>
    public bool IsSplit { get; set; }

    public List<TemplateCluster> Clusters { get; } = [];

    public int ChildCount => _children?.Count ?? 0;

    public ParseTreeNode? Find(ReadOnlySpan<char> token) =>
        _children is not null && _lookup.TryGetValue(token, out var child) ? child : null;

    public ParseTreeNode GetOrAdd(ReadOnlySpan<char> token)
    {
        if (_children is null)
        {
            _children = new Dictionary<string, ParseTreeNode>(StringComparer.Ordinal);
            _lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        if (!_lookup.TryGetValue(token, out var child))
        {
            child = new ParseTreeNode(Level + 1);
            _children.Add(token.ToString(), child);
        }

        return child;
    }
}
