using BenchmarkDotNet.Configs;

namespace Alpha.Benchmarks;

/// <summary>Adds the per-agent <see cref="OverheadPerUnitColumn"/> to the benchmarks that run agents.</summary>
public sealed class PerAgentOverheadConfig : ManualConfig
{
    public PerAgentOverheadConfig()
    {
        AddColumn(OverheadPerUnitColumn.PerAgent);
    }
}
