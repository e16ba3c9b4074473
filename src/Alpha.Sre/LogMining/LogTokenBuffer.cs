using System.Buffers;

namespace Alpha.Sre.LogMining;

/// <summary>
/// The tokens of one message, split at white space and (optionally) masked, kept in reusable buffers so that
/// tokenizing a line allocates nothing once the buffers have grown to the longest line seen.
/// </summary>
internal sealed class LogTokenBuffer
{
    private const int MaxTokens = 4096;
    private const string DateTimeMask = "<*>:<*>:<*>";

    // The characters char.IsWhiteSpace accepts.
    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(
        "\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    private char[] _text = new char[1024];
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private TokenShape[] _shapes = new TokenShape[64];

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index] => _text.AsSpan(_starts[index], _lengths[index]);

    public TokenShape Shape(int index) => _shapes[index];

    public void Load(ReadOnlySpan<char> message, bool mask)
    {
        var need = LogVariableMasker.MaxMaskedLength(message.Length) + DateTimeMask.Length;
        if (_text.Length < need)
        {
            _text = new char[Math.Max(need, _text.Length * 2)];
        }

        var w = 0;
        var n = 0;
        var i = 0;
        while (true)
        {
            while (i < message.Length && WhiteSpace.Contains(message[i]))
            {
                i++;
            }

            if (i == message.Length || n == MaxTokens)
            {
                break;
            }

            if (n == _starts.Length)
            {
                Array.Resize(ref _starts, n * 2);
                Array.Resize(ref _lengths, n * 2);
                Array.Resize(ref _shapes, n * 2);
            }

            var start = i;
            int written;
            TokenShape shape;
            // Month and day names are three letters long.
            var dateTime = mask && char.IsAsciiLetterUpper(message[i]) && i + 3 < message.Length && message[i + 3] == ' '
                ? LogVariableMasker.DateTimeLength(message[i..])
                : 0;
            if (dateTime > 0)
            {
                i += dateTime;
                DateTimeMask.AsSpan().CopyTo(_text.AsSpan(w));
                written = DateTimeMask.Length;
                shape = TokenShape.Mixed;
            }
            else
            {
                var end = message[i..].IndexOfAny(WhiteSpace);
                i = end < 0 ? message.Length : i + end;

                var token = message[start..i];
                if (mask)
                {
                    written = LogVariableMasker.MaskToken(token, _text.AsSpan(w), out shape);
                }
                else
                {
                    token.CopyTo(_text.AsSpan(w));
                    written = token.Length;
                    shape = TokenShape.Constant;
                }
            }

            _starts[n] = w;
            _lengths[n] = written;
            _shapes[n] = shape;
            w += written;
            n++;
        }

        Count = n;
    }
}
