using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Alpha.Benchmarks;

/// <summary>
/// (mean - baseline mean) / the value of a count parameter, in microseconds: what the code under test adds per
/// unit (per agent, per workflow step) over the baseline doing the same work bare. Printed so that the headline
/// figure comes straight from the table.
/// </summary>
/// <param name="columnName">The header, e.g. <c>Overhead/agent</c>.</param>
/// <param name="countParameter">The benchmark parameter holding the unit count, e.g. <c>N</c> or <c>Nodes</c>.</param>
/// <param name="legend">What the figure means.</param>
public sealed class OverheadPerUnitColumn(string columnName, string countParameter, string legend) : IColumn
{
    /// <summary>The runtime's cost per agent over a bare Task.WhenAll of the same agents (ExecutionBenchmarks).</summary>
    public static OverheadPerUnitColumn PerAgent { get; } = new("Overhead/agent", nameof(ExecutionBenchmarks.N), "(Mean - baseline Mean) / N: the runtime's cost per agent over a bare Task.WhenAll");

    /// <summary>The workflow engine's cost per node execution over a bare loop of the same agent calls (WorkflowEngineBenchmarks).</summary>
    public static OverheadPerUnitColumn PerStep { get; } = new("Overhead/step", nameof(Workflows.WorkflowEngineBenchmarks.Nodes), "(Mean - baseline Mean) / Nodes: the engine's cost per step over a bare loop of the same agent calls");

    public string Id => $"{nameof(OverheadPerUnitColumn)}.{countParameter}";

    public string ColumnName => columnName;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        if (baseline is null || baseline == benchmarkCase || benchmarkCase.Parameters[countParameter] is not int count || count <= 0)
        {
            return "-";
        }

        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var baselineMean = summary[baseline]?.ResultStatistics?.Mean;

        // Statistics are in nanoseconds.
        return mean is null || baselineMean is null ? "?" : ((mean.Value - baselineMean.Value) / count / 1_000).ToString("0.00 'us'", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
