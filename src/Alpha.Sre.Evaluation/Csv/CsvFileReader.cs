using System.Buffers;
using System.Globalization;
using Alpha.Runtime.Schemas;
using nietras.SeparatedValues;

namespace Alpha.Sre.Evaluation.Csv;

/// <summary>
/// The one CSV reader of the importers and evaluations: comma-separated rows read with Sep (vectorised, no
/// allocation per row), quoted fields unescaped (<c>"a,""b"""</c> reads <c>a,"b"</c>), line breaks inside
/// quotes kept. Every row is a data row: callers read their header rows themselves.
/// <para>
/// Tolerant of malformed rows: Sep never rejects a row (it unescapes invalid quoting leniently, and a stray
/// quote makes it join the following lines into one row until the quote count is even again), so every row
/// that holds a quote is checked against RFC 4180 before use: a quoted field must end with a quote followed by
/// a comma or the row's end, and an unquoted field must not run over a line break. A bad row is skipped and
/// recorded in a <see cref="CsvSkipLog"/> (file, line, reason), never fatal. When a bad row spans several
/// physical lines, each of those lines is checked on its own and the well-formed ones are kept, so one stray
/// quote costs its own line only. Rows without a quote (most metric files) skip the check; rows with quotes
/// cost one vectorised search per quote. Blank lines are skipped silently.
/// </para>
/// </summary>
public sealed class CsvFileReader : IDisposable
{
    private const char Separator = ',';
    private const char Quote = '"';

    private static readonly SepReaderOptions Options = Sep.New(Separator).Reader(o => o with
    {
        HasHeader = false,
        DisableColCountCheck = true,
        Unescape = true,
    });

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\"\n\r");

    private readonly SepReader _sep;
    private readonly CsvSkipLog _skipped;
    private readonly Queue<(string[] Cells, long Line)> _recovered = new();
    private string[]? _current;
    private long _nextLine = 1;

    private CsvFileReader(string file, SepReader sep, CsvSkipLog skipped)
    {
        File = file;
        _sep = sep;
        _skipped = skipped;
    }

    /// <summary>The file (or name) being read, as reported with skipped rows.</summary>
    public string File { get; }

    /// <summary>When set, a row with another number of fields is malformed (skipped and recorded).</summary>
    public int? RequiredWidth { get; set; }

    /// <summary>The 1-based physical line on which the current row starts.</summary>
    public long Line { get; private set; }

    /// <summary>The number of fields in the current row.</summary>
    public int Count => _current?.Length ?? _sep.Current.ColCount;

    /// <summary>Opens <paramref name="path"/>; skipped rows go to <paramref name="skipped"/>.</summary>
    /// <exception cref="InvalidInputException">The file does not exist.</exception>
    public static CsvFileReader Open(string path, CsvSkipLog skipped)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(skipped);
        if (!System.IO.File.Exists(path))
        {
            throw new InvalidInputException(path, null, "$", "file not found");
        }

        return new CsvFileReader(path, Options.FromFile(path), skipped);
    }

    /// <summary>Reads CSV text held in memory; <paramref name="name"/> names it in skipped rows.</summary>
    public static CsvFileReader FromText(string text, string name, CsvSkipLog skipped)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(skipped);
        return new CsvFileReader(name, Options.FromText(text), skipped);
    }

    /// <summary>Moves to the next well-formed, non-blank row; false at the end of the input.</summary>
    public bool Read()
    {
        while (true)
        {
            if (_recovered.TryDequeue(out var pending))
            {
                _current = pending.Cells;
                Line = pending.Line;
                if (WidthProblem(_current.Length) is { } problem)
                {
                    _skipped.Add(File, Line, problem);
                    continue;
                }

                return true;
            }

            _current = null;
            if (!_sep.MoveNext())
            {
                return false;
            }

            // Sep 0.17 reports the first row's LineNumberFrom as 2 when there is no header row; each row starts
            // where the previous one ended, so the start is taken from there.
            var row = _sep.Current;
            var span = row.Span;
            Line = _nextLine;
            _nextLine = row.LineNumberToExcl;
            if (span.IsEmpty)
            {
                continue;
            }

            if (span.Contains(Quote) && Problem(span) is { } reason)
            {
                if (_nextLine - Line > 1)
                {
                    Recover(span.ToString(), Line);
                }
                else
                {
                    _skipped.Add(File, Line, reason);
                }

                continue;
            }

            if (WidthProblem(row.ColCount) is { } width)
            {
                _skipped.Add(File, Line, width);
                continue;
            }

            return true;
        }
    }

    /// <summary>Field <paramref name="index"/> of the current row, unescaped; empty when the row is shorter.</summary>
    public ReadOnlySpan<char> Span(int index)
    {
        if (_current is not null)
        {
            return index < _current.Length ? _current[index] : [];
        }

        var row = _sep.Current;
        return index < row.ColCount ? row[index].Span : [];
    }

    /// <summary>Field <paramref name="index"/> as a string ("" when the row is shorter).</summary>
    public string Text(int index) => _current is not null ? (index < _current.Length ? _current[index] : "") : new string(Span(index));

    /// <summary>Field <paramref name="index"/> as a number (invariant culture, surrounding spaces allowed); NaN when empty, missing or not a number.</summary>
    public double Number(int index) =>
        double.TryParse(Span(index), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    /// <summary>Every field of the current row as strings.</summary>
    public string[] Texts()
    {
        var cells = new string[Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = Text(i);
        }

        return cells;
    }

    /// <inheritdoc />
    public void Dispose() => _sep.Dispose();

    /// <summary>
    /// Why <paramref name="row"/> (raw, quotes not yet removed) is not a well-formed RFC 4180 row, or null when
    /// it is. Quoted fields are walked quote to quote with a vectorised search.
    /// </summary>
    internal static string? Problem(ReadOnlySpan<char> row)
    {
        var i = 0;
        var field = 1;
        while (true)
        {
            if (i < row.Length && row[i] == Quote)
            {
                var opened = i;
                i++;
                while (true)
                {
                    var next = row[i..].IndexOf(Quote);
                    if (next < 0)
                    {
                        return $"field {field}: the quoted field opened at column {opened + 1} is not closed";
                    }

                    i += next + 1;
                    if (i < row.Length && row[i] == Quote)
                    {
                        i++;
                        continue;
                    }

                    break;
                }

                if (i == row.Length)
                {
                    return null;
                }

                if (row[i] != Separator)
                {
                    return $"field {field}: text follows the closing quote at column {i}; expected a comma or the end of the line";
                }
            }
            else
            {
                // An unquoted field ends at the next comma; Sep counts quotes in it, so a lone one hides the
                // commas and line breaks after it.
                var quotes = 0;
                while (true)
                {
                    var next = row[i..].IndexOfAny(UnquotedStops);
                    if (next < 0)
                    {
                        i = row.Length;
                        break;
                    }

                    i += next;
                    if (row[i] == Separator && quotes % 2 == 0)
                    {
                        break;
                    }

                    if (row[i] is '\n' or '\r')
                    {
                        return $"field {field}: a stray quote in an unquoted field runs over the line end";
                    }

                    quotes += row[i] == Quote ? 1 : 0;
                    i++;
                }

                if (quotes % 2 == 1)
                {
                    return $"field {field}: a stray quote in an unquoted field is never closed";
                }

                if (i == row.Length)
                {
                    return null;
                }
            }

            i++; // the comma
            field++;
        }
    }

    private string? WidthProblem(int width) =>
        RequiredWidth is { } required && width != required
            ? string.Create(CultureInfo.InvariantCulture, $"has {width} fields where the header has {required}")
            : null;

    /// <summary>A malformed row that spans several lines: keeps each physical line that is well-formed on its own.</summary>
    private void Recover(string text, long firstLine)
    {
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l].TrimEnd('\r');
            var number = firstLine + l;
            if (line.Length == 0)
            {
                continue;
            }

            if (Problem(line) is { } reason)
            {
                _skipped.Add(File, number, reason);
                continue;
            }

            using var one = Options.FromText(line);
            if (one.MoveNext())
            {
                var row = one.Current;
                var cells = new string[row.ColCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = row[i].ToString();
                }

                _recovered.Enqueue((cells, number));
            }
        }
    }
}
