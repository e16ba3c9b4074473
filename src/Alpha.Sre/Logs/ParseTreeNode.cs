namespace Alpha.Sre.Logs;

/// <summary>An inner node of the parse tree (children by token) or a leaf (candidate clusters).</summary>
internal sealed class ParseTreeNode
{
    private Dictionary<string, ParseTreeNode>? _children;
    private Dictionary<string, ParseTreeNode>.AlternateLookup<ReadOnlySpan<char>> _lookup;

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
            child = new ParseTreeNode();
            _children.Add(token.ToString(), child);
        }

        return child;
    }
}
