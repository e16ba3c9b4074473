using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Alpha.Runtime.Security;

/// <summary>
/// A YamlDotNet <see cref="IParser"/> that enforces <see cref="InputLimits"/> while the events stream by, before
/// any tree is built: nesting depth (aliases counted at their expanded depth) and the content aliases add when
/// expanded (a "billion laughs" document fails after a few lines, not after gigabytes). YamlDotNet's parser
/// itself keeps no recursion, so checking events is safe at any depth. Use it with
/// <c>YamlStream.Load(IParser)</c> or any other consumer of parser events.
/// </summary>
public sealed class BoundedYamlParser : IParser
{
    private readonly IParser _inner;
    private readonly InputLimits _limits;
    private readonly Stack<OpenNode> _open = new();
    private readonly Dictionary<string, (long Size, int Height)> _anchors = new(StringComparer.Ordinal);
    private long _expanded;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public BoundedYamlParser(IParser inner, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(limits);
        _inner = inner;
        _limits = limits;
    }

    /// <summary>Parses <paramref name="text"/> under <paramref name="limits"/>.</summary>
    public static BoundedYamlParser Over(string text, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        InputChecks.CheckSize(text, limits);
        return new BoundedYamlParser(new Parser(new StringReader(text)), limits);
    }

    /// <inheritdoc />
    public ParsingEvent? Current => _inner.Current;

    /// <inheritdoc />
    public bool MoveNext()
    {
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case MappingStart or SequenceStart:
                var start = (NodeEvent)_inner.Current;
                if (_open.Count + 1 > _limits.MaxDepth)
                {
                    throw DepthError(start.Start.Line);
                }

                _open.Push(new OpenNode(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                break;
            case MappingEnd or SequenceEnd:
                var node = _open.Pop();
                Close(node.Anchor, node.Size + 1, node.Height + 1);
                break;
            case Scalar scalar:
                Close(scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, 1 + (scalar.Value?.Length ?? 0), 0);
                break;
            case AnchorAlias alias:
                if (_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    _expanded += target.Size;
                    if (_expanded > _limits.MaxAliasExpansion)
                    {
                        throw new InputLimitExceededException("max_alias_expansion", _limits.MaxAliasExpansion, InputLimits.MaxAliasExpansionVariable,
                            string.Create(CultureInfo.InvariantCulture, $"YAML aliases (*{alias.Value.Value}) expand to more than {_limits.MaxAliasExpansion} nodes and characters"), alias.Start.Line);
                    }

                    if (_open.Count + target.Height > _limits.MaxDepth)
                    {
                        throw DepthError(alias.Start.Line);
                    }

                    Close(null, target.Size, target.Height);
                }

                break;
        }

        return true;
    }

    private InputLimitExceededException DepthError(long line) =>
        new("max_depth", _limits.MaxDepth, InputLimits.MaxDepthVariable, string.Create(CultureInfo.InvariantCulture, $"nesting goes deeper than {_limits.MaxDepth} levels"), line);

    // A node (scalar, collection or expanded alias) is complete: remember its anchor and add it to its parent.
    private void Close(string? anchor, long size, int height)
    {
        if (anchor is not null)
        {
            _anchors[anchor] = (size, height);
        }

        if (_open.TryPeek(out var parent))
        {
            parent.Size += size;
            parent.Height = Math.Max(parent.Height, height);
        }
    }

    private sealed class OpenNode(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Size { get; set; }

        public int Height { get; set; }
    }
}
