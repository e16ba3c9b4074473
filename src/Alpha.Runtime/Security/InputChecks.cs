using System.Globalization;
using System.Text;

namespace Alpha.Runtime.Security;

/// <summary>
/// The size and depth checks of <see cref="InputLimits"/> for any text document, and size-bounded reading of
/// files and streams. Each check is one pass without recursion, so it is safe on hostile input.
/// </summary>
public static class InputChecks
{
    /// <summary>Reads the file at <paramref name="path"/>, refusing it before reading when it is larger than <see cref="InputLimits.MaxBytes"/>.</summary>
    /// <exception cref="InputLimitExceededException">The file is too large.</exception>
    public static async Task<string> ReadFileAsync(string path, InputLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var length = new FileInfo(path).Length;
        if (length > limits.MaxBytes)
        {
            throw SizeError(limits, length);
        }

        return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="reader"/> to its end, stopping as soon as it has given more than <see cref="InputLimits.MaxBytes"/> characters.</summary>
    /// <exception cref="InputLimitExceededException">The stream is too large.</exception>
    public static async Task<string> ReadToEndAsync(TextReader reader, InputLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(limits);
        var builder = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            builder.Append(buffer, 0, read);
            if (builder.Length > limits.MaxBytes)
            {
                throw SizeError(limits, null);
            }
        }

        return builder.ToString();
    }

    /// <summary>Throws when <paramref name="text"/> is larger than <see cref="InputLimits.MaxBytes"/> in UTF-8.</summary>
    public static void CheckSize(string text, InputLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        // Characters never outnumber UTF-8 bytes, and a character never takes more than three: count only when it matters.
        if ((long)text.Length * 3 > limits.MaxBytes && Encoding.UTF8.GetByteCount(text) > limits.MaxBytes)
        {
            throw SizeError(limits, null);
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> is well-formed UTF-16 (no unpaired surrogate). Text read from a file or a
    /// stream always is; text handed over in code may not be, and JSON writers refuse it.
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var i = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (i >= 0 && i < span.Length)
        {
            if (!char.IsHighSurrogate(span[i]) || i + 1 >= span.Length || !char.IsLowSurrogate(span[i + 1]))
            {
                return false;
            }

            i += 2;
            var next = span[i..].IndexOfAnyInRange('\uD800', '\uDFFF');
            i = next < 0 ? -1 : i + next;
        }

        return true;
    }

    /// <summary>
    /// Throws when the JSON text <paramref name="json"/> nests objects and arrays deeper than
    /// <see cref="InputLimits.MaxDepth"/> (strings are skipped; the syntax is left to the parser), or is too large.
    /// </summary>
    public static void CheckJson(string json, InputLimits limits)
    {
        CheckSize(json, limits);
        var depth = 0;
        var line = 1L;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '\n':
                    line++;
                    break;
                case '{' or '[':
                    if (++depth > limits.MaxDepth)
                    {
                        throw new InputLimitExceededException("max_depth", limits.MaxDepth, InputLimits.MaxDepthVariable,
                            string.Create(CultureInfo.InvariantCulture, $"nesting goes deeper than {limits.MaxDepth} levels"), line);
                    }

                    break;
                case '}' or ']':
                    depth--;
                    break;
            }
        }
    }

    private static InputLimitExceededException SizeError(InputLimits limits, long? actual) =>
        new("max_bytes", limits.MaxBytes, InputLimits.MaxBytesVariable, actual is { } n
            ? string.Create(CultureInfo.InvariantCulture, $"the document holds {n} bytes, more than {limits.MaxBytes}")
            : string.Create(CultureInfo.InvariantCulture, $"the document holds more than {limits.MaxBytes} bytes"));
}
