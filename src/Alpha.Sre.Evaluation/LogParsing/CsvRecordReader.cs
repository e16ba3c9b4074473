using System.Text;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>
/// Reads comma-separated records as RFC 4180 defines them: fields may be wrapped in double quotes, a quoted
/// field may hold commas, line breaks and doubled quotes (<c>""</c> stands for one <c>"</c>), and records end
/// with CRLF or LF. A quote inside an unquoted field is kept as an ordinary character, as most writers expect.
/// </summary>
public sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private readonly List<string> _record = [];

    /// <summary>Creates a reader over <paramref name="reader"/>; the caller keeps ownership of it.</summary>
    public CsvRecordReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>The 1-based physical line on which the last record returned by <see cref="Read"/> started.</summary>
    public long RecordLine { get; private set; }

    private long CurrentLine { get; set; } = 1;

    /// <summary>Parses every record of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string[]> ParseAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        var csv = new CsvRecordReader(reader);
        var records = new List<string[]>();
        while (csv.Read() is { } record)
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Reads the next record, or returns null at the end of the input.</summary>
    /// <exception cref="FormatException">A quoted field is not closed, or a closing quote is followed by something other than a comma or a line end.</exception>
    public string[]? Read()
    {
        var c = _reader.Read();
        if (c < 0)
        {
            return null;
        }

        RecordLine = CurrentLine;
        _record.Clear();
        _field.Clear();
        var quoted = false;
        var afterClosingQuote = false;
        var fieldStart = true;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    throw new FormatException($"CSV record starting on line {RecordLine}: a quoted field is not closed before the end of the input.");
                }

                if (c == '"')
                {
                    if (_reader.Peek() == '"')
                    {
                        _reader.Read();
                        _field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterClosingQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        CurrentLine++;
                    }

                    _field.Append((char)c);
                }

                c = _reader.Read();
                continue;
            }

            if (c < 0 || c == '\n' || (c == '\r' && _reader.Peek() is '\n' or < 0))
            {
                if (c == '\r')
                {
                    _reader.Read();
                }

                if (c >= 0)
                {
                    CurrentLine++;
                }

                _record.Add(_field.ToString());
                return [.. _record];
            }

            if (c == ',')
            {
                _record.Add(_field.ToString());
                _field.Clear();
                afterClosingQuote = false;
                fieldStart = true;
                c = _reader.Read();
                continue;
            }

            if (afterClosingQuote)
            {
                throw new FormatException($"CSV line {CurrentLine}: '{(char)c}' follows the closing quote of a field; expected a comma or a line end.");
            }

            if (c == '"' && fieldStart)
            {
                quoted = true;
            }
            else
            {
                _field.Append((char)c);
            }

            fieldStart = false;
            c = _reader.Read();
        }
    }
}
