using System.Diagnostics;
using System.Globalization;
using Alpha.Cluster.Benchmarks;

// Usage: ALPHA_BENCH_PG="Host=...;Username=postgres;Database=postgres" dotnet run -c Release --project bench/Alpha.Cluster.Benchmarks [runs]
var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
Console.WriteLine("| silos | whole runs/s (one caller) | whole run p50 / p99 ms | dispatch p50 / p99 ms |");
Console.WriteLine("|---|---|---|---|");
foreach (var silos in new[] { 0, 1, 2, 3 })
{
    await using var bench = new ClusterRunBenchmarks(silos);
    await bench.SetupAsync();
    for (var i = 0; i < 20; i++)
    {
        await bench.WholeRun(); // warm-up: JIT, pools, grain activations
    }

    var whole = await TimeAsync(bench.WholeRun, runs);
    var dispatch = await TimeAsync(bench.Dispatch, runs);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(silos == 0 ? "0 (single process)" : silos)} | {1000 / whole.Average():0.0} | {Percentile(whole, 50):0.0} / {Percentile(whole, 99):0.0} | {Percentile(dispatch, 50):0.0} / {Percentile(dispatch, 99):0.0} |"));
}

static async Task<List<double>> TimeAsync(Func<Task<string?>> operation, int count)
{
    var times = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var watch = Stopwatch.StartNew();
        await operation();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    return times;
}

static double Percentile(List<double> values, int p)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];
}
