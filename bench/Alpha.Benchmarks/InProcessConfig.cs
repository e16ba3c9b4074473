using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Alpha.Benchmarks;

/// <summary>
/// One short in-process job with allocation counts. In-process because BenchmarkDotNet's out-of-process
/// toolchain (which generates, restores and builds a host project per run) asks more of the partial package
/// mirror than a run should; short (3 warm-ups, 10 measured iterations) so that the whole suite
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
