namespace Alpha.Sre.LogMining;

/// <summary>
/// One header field of a raw line: a token between white space or <c>|</c>, or a bracketed group of tokens
/// (<c>[Sun Dec 04 04:47:44 2005]</c>, <c>[IPC Server handler 5 on 62270]</c>) read as one field.
/// </summary>
/// <param name="Start">Offset of the field's first character.</param>
/// <param name="End">Offset just after its last character.</param>
/// <param name="Gap">The number of white-space characters after it (a tab counts as two).</param>
internal readonly record struct HeaderField(int Start, int End, int Gap)
{
    /// <summary>The most fields a header is looked for in.</summary>
    public const int MaxFields = 12;

    /// <summary>The most tokens a bracketed group spans.</summary>
    private const int MaxBracketTokens = 8;

    public ReadOnlySpan<char> Text(string line) => line.AsSpan(Start, End - Start);

    /// <summary>Cuts the first <paramref name="max"/> fields of a line.</summary>
    public static List<HeaderField> Cut(string line, int max = MaxFields + 2)
    {
        var fields = new List<HeaderField>(max);
        var i = 0;
        while (fields.Count < max)
        {
            while (i < line.Length && IsSeparator(line[i]))
            {
                i++;
            }

            if (i == line.Length)
            {
                break;
            }

            var start = i;
            var end = TokenEnd(line, i);
            if (line[start] == '[' && line.AsSpan(start, end - start).IndexOf(']') < 0)
            {
                // A bracket that opens here closes some tokens later: the group is one field.
                var k = end;
                for (var t = 1; t < MaxBracketTokens && k < line.Length; t++)
                {
                    while (k < line.Length && IsSeparator(line[k]))
                    {
                        k++;
                    }

                    var next = TokenEnd(line, k);
                    if (line.AsSpan(k, next - k).IndexOf(']') >= 0)
                    {
                        end = next;
                        break;
                    }

                    k = next;
                }
            }

            var gapEnd = end;
            var gap = 0;
            while (gapEnd < line.Length && IsSeparator(line[gapEnd]))
            {
                gap += line[gapEnd] switch { '\t' => 2, '|' => 0, _ => 1 };
                gapEnd++;
            }

            fields.Add(new HeaderField(start, end, gap));
            i = gapEnd;
        }

        return fields;
    }

    /// <summary>White space, or the bar of bar-separated headers (<c>time|component|pid|message</c>).</summary>
    public static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c == '|';

    private static int TokenEnd(string line, int i)
    {
        while (i < line.Length && !IsSeparator(line[i]))
        {
            i++;
        }

        return i;
    }
}
