using System.Globalization;
using Alpha.Runtime.Schemas;

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

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, or its header rows or times are malformed.</exception>
    public static PetshopMetricsFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, null, "$", "file not found");
        }

        var lines = File.ReadAllLines(path);
        var header = new string[HeaderNames.Length][];
        for (var h = 0; h < HeaderNames.Length; h++)
        {
            header[h] = h < lines.Length ? Split(lines[h]) : [];
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
        for (var l = HeaderNames.Length; l < lines.Length; l++)
        {
            if (lines[l].Length == 0)
            {
                continue;
            }

            var cells = Split(lines[l]);
            if (!double.TryParse(cells[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var t))
            {
                if (rows.Count == 0 && cells[0].Contains("time", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // the unix_timestamp row that names the index column
                }

                throw new InvalidInputException(path, l + 1, "unix_timestamp", $"'{cells[0]}' is not a Unix time in seconds");
            }

            var row = new double[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                row[c] = c + 1 < cells.Length && double.TryParse(cells[c + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            }

            timestamps.Add(t);
            rows.Add(row);
        }

        return new PetshopMetricsFile(columns, timestamps, rows);
    }

    private static string[] Split(string line)
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
                cells.Add(line[start..i].Trim().Trim('"'));
                start = i + 1;
            }
        }

        cells.Add(line[start..].Trim().Trim('"'));
        return [.. cells];
    }
}
