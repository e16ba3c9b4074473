using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// One PetShop <c>metrics.csv</c>: three header rows naming each column's node (<c>microservice</c>), metric
/// (<c>metric</c>: latency, requests, availability) and statistic (<c>statistic</c>: Average, Sum, p50...),
/// a <c>unix_timestamp</c> row with no values, then one row per sample: Unix seconds, then the values
/// (empty cells are missing samples, read as NaN).
/// </summary>
public sealed class PetshopMetricsFile
{
    private static readonly string[] HeaderNames = ["microservice", "metric", "statistic"];

    private PetshopMetricsFile(IReadOnlyList<PetshopColumn> columns, IReadOnlyList<double> timestamps, IReadOnlyList<double[]> rows)
    {
        Columns = columns;
        Timestamps = timestamps;
        Rows = rows;
    }

    /// <summary>The value columns (the time column excluded).</summary>
    public IReadOnlyList<PetshopColumn> Columns { get; }

    /// <summary>Sample times, Unix seconds, in file order.</summary>
    public IReadOnlyList<double> Timestamps { get; }

    /// <summary>Sample rows, one value per column of <see cref="Columns"/>.</summary>
    public IReadOnlyList<double[]> Rows { get; }

    /// <summary>The samples of column <paramref name="index"/> as (Unix seconds, value) pairs, NaN where missing.</summary>
    public IEnumerable<(double UnixSeconds, double Value)> Points(int index) => Rows.Select((r, i) => (Timestamps[i], r[index]));

    /// <summary>The index of the column with this node, metric and statistic, or -1.</summary>
    public int IndexOf(PetshopColumn column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads <paramref name="path"/>; malformed rows are skipped and recorded in <paramref name="skipped"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, or its header rows or times are malformed.</exception>
    public static PetshopMetricsFile Read(string path, CsvSkipLog? skipped = null)
    {
        using var csv = CsvFileReader.Open(path, skipped ?? new CsvSkipLog());
        var header = new string[HeaderNames.Length][];
        for (var h = 0; h < HeaderNames.Length; h++)
        {
            header[h] = csv.Read() ? Cells(csv) : [];
            if (header[h].Length < 2 || !string.Equals(header[h][0], HeaderNames[h], StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidInputException(path, h + 1, HeaderNames[h], $"expected a '{HeaderNames[h]},...' header row (rows: microservice, metric, statistic, unix_timestamp)");
            }
        }

        var width = header[0].Length;
        if (header[1].Length != width || header[2].Length != width)
        {
            throw new InvalidInputException(path, 3, "statistic", $"the three header rows must have the same number of cells ({width})");
        }

        var columns = new PetshopColumn[width - 1];
        for (var c = 1; c < width; c++)
        {
            columns[c - 1] = new PetshopColumn(header[0][c], header[1][c], header[2][c]);
        }

        var timestamps = new List<double>();
        var rows = new List<double[]>();
        while (csv.Read())
        {
            var t = csv.Number(0);
            if (double.IsNaN(t))
            {
                var first = csv.Span(0).Trim();
                if (rows.Count == 0 && first.Contains("time", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // the unix_timestamp row that names the index column
                }

                throw new InvalidInputException(path, csv.Line, "unix_timestamp", $"'{first}' is not a Unix time in seconds");
            }

            var row = new double[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                row[c] = csv.Number(c + 1);
            }

            timestamps.Add(t);
            rows.Add(row);
        }

        return new PetshopMetricsFile(columns, timestamps, rows);
    }

    private static string[] Cells(CsvFileReader csv)
    {
        var cells = new string[csv.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = csv.Span(i).Trim().ToString();
        }

        return cells;
    }
}
