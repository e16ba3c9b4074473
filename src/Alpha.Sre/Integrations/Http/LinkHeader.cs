using System.Text;

namespace Alpha.Sre.Integrations.Http;

/// <summary>
/// Parses <c>Link</c> headers (RFC 8288) as GitHub and Sentry send them:
/// <c>&lt;url&gt;; rel="next"; results="true"; cursor="0:100:0", &lt;url&gt;; rel="previous"</c>. Commas inside the
/// angle brackets or quotes do not split links; malformed links are skipped rather than failing the page.
/// </summary>
internal static class LinkHeader
{
    /// <summary>Every link in <paramref name="headerValues"/> (one or more header lines).</summary>
    public static IReadOnlyList<LinkValue> Parse(IEnumerable<string> headerValues)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        var links = new List<LinkValue>();
        foreach (var value in headerValues)
        {
            var i = 0;
            while (i < value.Length)
            {
                var open = value.IndexOf('<', i);
                if (open < 0)
                {
                    break;
                }

                var close = value.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break;
                }

                var target = value[(open + 1)..close].Trim();
                i = close + 1;
                var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                i = ReadParameters(value, i, parameters);
                links.Add(new LinkValue(target, parameters));
            }
        }

        return links;
    }

    /// <summary>Reads <c>; name="value"</c> pairs from <paramref name="i"/> up to the comma that ends the link; returns the index after it.</summary>
    private static int ReadParameters(string value, int i, Dictionary<string, string> parameters)
    {
        while (i < value.Length)
        {
            i = SkipSpaces(value, i);
            if (i >= value.Length)
            {
                return i;
            }

            if (value[i] == ',')
            {
                return i + 1;
            }

            if (value[i] != ';')
            {
                // Not a parameter: skip to the next link.
                var comma = value.IndexOf(',', i);
                return comma < 0 ? value.Length : comma + 1;
            }

            i = SkipSpaces(value, i + 1);
            var nameStart = i;
            while (i < value.Length && value[i] is not ('=' or ';' or ','))
            {
                i++;
            }

            var name = value[nameStart..i].Trim();
            var parameterValue = string.Empty;
            if (i < value.Length && value[i] == '=')
            {
                i = SkipSpaces(value, i + 1);
                (parameterValue, i) = ReadValue(value, i);
            }

            if (name.Length > 0)
            {
                parameters[name.ToLowerInvariant()] = parameterValue;
            }
        }

        return i;
    }

    private static (string Value, int Next) ReadValue(string value, int i)
    {
        if (i < value.Length && value[i] == '"')
        {
            var text = new StringBuilder();
            i++;
            while (i < value.Length && value[i] != '"')
            {
                if (value[i] == '\\' && i + 1 < value.Length)
                {
                    i++;
                }

                text.Append(value[i++]);
            }

            return (text.ToString(), Math.Min(i + 1, value.Length));
        }

        var start = i;
        while (i < value.Length && value[i] is not (';' or ','))
        {
            i++;
        }

        return (value[start..i].Trim(), i);
    }

    private static int SkipSpaces(string value, int i)
    {
        while (i < value.Length && char.IsWhiteSpace(value[i]))
        {
            i++;
        }

        return i;
    }
}
