namespace Alpha.Sre.Logs;

/// <summary>
/// The tokens of one message, split at white space and (optionally) masked, kept in reusable buffers so that
/// tokenizing a line allocates nothing once the buffers have grown to the longest line seen.
/// </summary>
internal sealed class LogTokenBuffer
{
    private const int MaxTokens = 4096;
    private const string DateTimeMask = "<*>:<*>:<*>";

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
            while (i < message.Length && char.IsWhiteSpace(message[i]))
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
            var dateTime = mask && char.IsAsciiLetterUpper(message[i]) ? LogVariableMasker.DateTimeLength(message[i..]) : 0;
            if (dateTime > 0)
            {
                i += dateTime;
                DateTimeMask.AsSpan().CopyTo(_text.AsSpan(w));
                written = DateTimeMask.Length;
                shape = TokenShape.Mixed;
            }
            else
            {
                while (i < message.Length && !char.IsWhiteSpace(message[i]))
                {
                    i++;
                }

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
