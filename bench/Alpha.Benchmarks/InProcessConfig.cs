using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Alpha.Benchmarks;

/// <summary>
/// One short in-process job with allocation counts. In-process because BenchmarkDotNet 0.14 predates
/// .NET 10, so its out-of-process toolchain (which generates, restores and builds a host project per run)
/// is not something to rely on here; short (3 warm-ups, 10 measured iterations) so that the whole suite
/// finishes in minutes on a 2-core machine.
/// </summary>
public sealed class InProcessConfig : ManualConfig
{
    public InProcessConfig()
    {
        Add(DefaultConfig.Instance);
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("InProcessShort"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
