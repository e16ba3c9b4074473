using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Alpha.Benchmarks.Workflows;

/// <summary>(mean - baseline mean) / Nodes, in microseconds: what the workflow engine adds per node execution over a bare loop of the same agent calls.</summary>
public sealed class PerStepOverheadColumn : IColumn
{
    public string Id => nameof(PerStepOverheadColumn);

    public string ColumnName => "Overhead/step";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "(Mean - baseline Mean) / Nodes: the engine's cost per step over a bare loop of the same agent calls";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        if (baseline is null || baseline == benchmarkCase || benchmarkCase.Parameters[nameof(WorkflowEngineBenchmarks.Nodes)] is not int nodes || nodes <= 0)
        {
            return "-";
        }

        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var baselineMean = summary[baseline]?.ResultStatistics?.Mean;
        return mean is null || baselineMean is null ? "?" : ((mean.Value - baselineMean.Value) / nodes / 1_000).ToString("0.00 'us'", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
