using System.Globalization;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>A numeric CSV table (header row, then rows) as read by the importers; empty or non-numeric cells are NaN.</summary>
public sealed class CsvTable
{
    private CsvTable(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Rows of values, one per column.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>The index of <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One column's values.</summary>
    public double[] Column(int index) => [.. Rows.Select(r => r[index])];

    /// <summary>Reads a comma-separated numeric file (quoted header names allowed).</summary>
    public static CsvTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, null, "$", "file not found");
        }

        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidInputException(path, 1, "$", "the file is empty; expected a header row");
        var columns = Split(header).Select(c => c.Trim().Trim('"')).ToArray();
        var rows = new List<double[]>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = Split(line);
            var row = new double[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                row[i] = i < cells.Count && double.TryParse(cells[i].Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            }

            rows.Add(row);
        }

        return new CsvTable(columns, rows);
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ',' && !quoted)
            {
                cells.Add(line[start..i]);
                start = i + 1;
            }
        }

        cells.Add(line[start..]);
        return cells;
    }
}
