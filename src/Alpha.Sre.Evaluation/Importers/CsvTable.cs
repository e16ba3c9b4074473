using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;

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

    /// <summary>Reads a comma-separated numeric file; malformed rows are skipped and recorded in <paramref name="skipped"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing or empty.</exception>
    public static CsvTable Read(string path, CsvSkipLog? skipped = null)
    {
        using var csv = CsvFileReader.Open(path, skipped ?? new CsvSkipLog());
        if (!csv.Read())
        {
            throw new InvalidInputException(path, 1, "$", "the file is empty; expected a header row");
        }

        var columns = new string[csv.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = csv.Span(i).Trim().ToString();
        }

        var rows = new List<double[]>();
        while (csv.Read())
        {
            var row = new double[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                row[i] = csv.Number(i);
            }

            rows.Add(row);
        }

        return new CsvTable(columns, rows);
    }
}
