using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Mathematics.OutlierDetection;

namespace Alpha.Cluster.Benchmarks;

/// <summary>
/// In process (the silos live in the benchmark process, and no host project is generated and built per run),
/// one kill per iteration (each needs a fresh blocked run: IterationSetup), 100 measured kills for a p99, none dropped
/// as an outlier.
/// </summary>
public sealed class KillLatencyConfig : ManualConfig
{
    public KillLatencyConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithIterationCount(100)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithOutlierMode(OutlierMode.DontRemove) // the tail is the point: a p99 without its outliers would flatter
            .WithId("Kill3Silos"));
        AddColumn(new PercentileColumn(50), new PercentileColumn(99));
    }
}
