using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Alpha.Cluster.Benchmarks;

/// <summary>A percentile of the measured operations, in milliseconds (BenchmarkDotNet's own percentile columns stop at P95).</summary>
/// <param name="percentile">0 to 100.</param>
public sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(PercentileColumn)}.{percentile}";

    public string ColumnName => $"p{percentile} ms";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 100 + percentile;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"The {percentile}th percentile of one operation, in milliseconds";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);

        // Statistics are in nanoseconds.
        return summary[benchmarkCase]?.ResultStatistics?.Percentiles.Percentile(percentile) is { } ns
            ? (ns / 1_000_000).ToString("0.0", CultureInfo.InvariantCulture)
            : "?";
    }

    public override string ToString() => ColumnName;
}
