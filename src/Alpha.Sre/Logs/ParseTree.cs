namespace Alpha.Sre.Logs;

/// <summary>
/// Drain's fixed-depth tree: the first level is the token count, the next <c>depth</c> levels the leading tokens
/// (a variable routes through the <c>&lt;*&gt;</c> child, as does any token once a node is full), and leaves hold
/// the clusters to compare a line with. Tokens with digits route as variables, as in Drain: what masking left of
/// them (<c>node-D3</c>, <c>ssh2</c>) is told apart, if need be, when the line is compared with the templates.
/// </summary>
internal sealed class ParseTree(int depth, int maxChildren)
{
    private readonly Dictionary<int, ParseTreeNode> _roots = [];

    public ParseTreeNode? Root(int length) => _roots.GetValueOrDefault(length);

    public int Depth(int length) => Math.Min(depth, length);

    public void Insert(TemplateCluster cluster)
    {
        var tokens = cluster.Tokens;
        if (!_roots.TryGetValue(tokens.Length, out var node))
        {
            _roots[tokens.Length] = node = new ParseTreeNode();
        }

        for (var d = 0; d < Depth(tokens.Length); d++)
        {
            var token = tokens[d];
            if (TemplateCluster.IsWildcard(token) || RoutesAsVariable(token))
            {
                node = node.GetOrAdd(LogVariableMasker.Wildcard);
            }
            else if (node.Find(token) is { } existing)
            {
                node = existing;
            }
            else if (node.ChildCount + 1 < maxChildren)
            {
                node = node.GetOrAdd(token);
            }
            else
            {
                node = node.GetOrAdd(LogVariableMasker.Wildcard);
            }
        }

        node.Clusters.Add(cluster);
        cluster.Leaf = node;
    }

    public static bool RoutesAsVariable(ReadOnlySpan<char> token) => token.IndexOfAnyInRange('0', '9') >= 0;

    public static void Remove(TemplateCluster cluster)
    {
        cluster.Leaf?.Clusters.Remove(cluster);
        cluster.Leaf = null;
    }

    public void Reinsert(TemplateCluster cluster)
    {
        Remove(cluster);
        Insert(cluster);
    }
}
