namespace Alpha.Sre.LogMining;

/// <summary>
/// Drain's fixed-depth tree: the first level is the token count, the next <c>depth</c> levels the leading tokens
/// (a variable routes through the <c>&lt;*&gt;</c> child, as does any token once a node is full), and leaves hold
/// the clusters to compare a line with. Tokens with digits route as variables, as in Drain: what masking left of
/// them (<c>node-D3</c>, <c>ssh2</c>) is told apart, if need be, when the line is compared with the templates.
/// Unlike Drain, a leaf that comes to hold more than <see cref="MaxLeafSize"/> clusters splits on the next token
/// (without a cap on children), so that a line is not compared with an unbounded number of templates (Drain's
/// overflow leaf); below a split, a line only meets templates that have its token, or a variable, there.
/// </summary>
internal sealed class ParseTree(int depth, int maxChildren)
{
    /// <summary>The most clusters a leaf holds before it splits on the next token.</summary>
    public const int MaxLeafSize = 64;

    private readonly Dictionary<int, ParseTreeNode> _roots = [];

    public ParseTreeNode? Root(int length) => _roots.GetValueOrDefault(length);

    /// <summary>Whether a line of <paramref name="length"/> tokens goes on from <paramref name="node"/> to a child.</summary>
    public bool Routes(ParseTreeNode node, int length) => node.Level < length && (node.Level < depth || node.IsSplit);

    public static bool RoutesAsVariable(ReadOnlySpan<char> token) => token.IndexOfAnyInRange('0', '9') >= 0;

    public void Insert(TemplateCluster cluster)
    {
        var tokens = cluster.Tokens;
        if (!_roots.TryGetValue(tokens.Length, out var node))
        {
            _roots[tokens.Length] = node = new ParseTreeNode(0);
        }

        while (Routes(node, tokens.Length))
        {
            node = Child(node, tokens[node.Level]);
        }

        node.Clusters.Add(cluster);
        cluster.Leaf = node;
        if (node.Clusters.Count > MaxLeafSize)
        {
            Split(node, tokens.Length);
        }
    }

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

    private ParseTreeNode Child(ParseTreeNode node, string token)
    {
        if (TemplateCluster.IsWildcard(token) || RoutesAsVariable(token))
        {
            return node.GetOrAdd(LogVariableMasker.Wildcard);
        }

        if (node.Find(token) is { } existing)
        {
            return existing;
        }

        // Below the fixed depth the tree only indexes (a split leaf), so there is no cap on children there.
        return node.ChildCount + 1 < maxChildren || node.Level >= depth ? node.GetOrAdd(token) : node.GetOrAdd(LogVariableMasker.Wildcard);
    }

    private void Split(ParseTreeNode leaf, int length)
    {
        if (leaf.Level >= length)
        {
            return;
        }

        leaf.IsSplit = true;
        var clusters = leaf.Clusters.ToList();
        leaf.Clusters.Clear();
        var children = new HashSet<ParseTreeNode>();
        foreach (var cluster in clusters)
        {
            var child = Child(leaf, cluster.Tokens[leaf.Level]);
            child.Clusters.Add(cluster);
            cluster.Leaf = child;
            children.Add(child);
        }

        foreach (var child in children)
        {
            if (child.Clusters.Count > MaxLeafSize)
            {
                Split(child, length);
            }
        }
    }
}
