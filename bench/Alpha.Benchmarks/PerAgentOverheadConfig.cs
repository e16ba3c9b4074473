using BenchmarkDotNet.Configs;

namespace Alpha.Benchmarks;

/// <summary>Adds <see cref="PerAgentOverheadColumn"/> to the benchmarks that run agents.</summary>
public sealed class PerAgentOverheadConfig : ManualConfig
{
    public PerAgentOverheadConfig()
    {
        AddColumn(new PerAgentOverheadColumn());
    }
}
