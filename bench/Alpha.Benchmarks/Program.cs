using Alpha.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Alpha.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(InProcessConfig).Assembly).Run(args, new InProcessConfig());
