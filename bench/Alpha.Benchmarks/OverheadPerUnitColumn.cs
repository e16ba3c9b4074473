using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Alpha.Benchmarks;

/// <summary>
/// (mean - baseline mean) / N, in microseconds: what the runtime adds per agent on top of a bare
/// Task.WhenAll of the same agents. Printed so that the headline figure comes straight from the table.
/// </summary>
public sealed class PerAgentOverheadColumn : IColumn
{
    private const string AgentCountParameter = nameof(ExecutionBenchmarks.N);

    public string Id => nameof(PerAgentOverheadColumn);

    public string ColumnName => "Overhead/agent";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "(Mean - baseline Mean) / N: the runtime's cost per agent over a bare Task.WhenAll";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        if (baseline is null || baseline == benchmarkCase || benchmarkCase.Parameters[AgentCountParameter] is not int agents || agents <= 0)
        {
            return "-";
        }

        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var baselineMean = summary[baseline]?.ResultStatistics?.Mean;
        if (mean is null || baselineMean is null)
        {
            return "?";
        }

        // Statistics are in nanoseconds.
        var perAgentMicroseconds = (mean.Value - baselineMean.Value) / agents / 1_000;
        return perAgentMicroseconds.ToString("0.00 'us'", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
