using System.Diagnostics;
using System.Globalization;
using Alpha.Cluster.Benchmarks;
using BenchmarkDotNet.Running;

// Usage (ALPHA_BENCH_PG="Host=...;Username=postgres;Database=postgres"):
//   dotnet run -c Release --project bench/Alpha.Cluster.Benchmarks [runs]      trivial runs on 0-3 silos (Stopwatch)
//   dotnet run -c Release --project bench/Alpha.Cluster.Benchmarks kill        kill latency across 3 silos (BenchmarkDotNet)
//   dotnet run -c Release --project bench/Alpha.Cluster.Benchmarks frames [runs]   frame latency to a subscriber on another node (Stopwatch)
//   dotnet run -c Release --project bench/Alpha.Cluster.Benchmarks failover [rounds] [alpha.dll]
//       failure detection and takeover with 3 real alpha serve --cluster processes, one SIGKILLed (Stopwatch drill;
//       build the CLI first: dotnet build src/Alpha.Cli -c Release)
if (args.Length > 0 && args[0] == "kill")
{
    BenchmarkRunner.Run<KillLatencyBenchmarks>(args: args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "frames")
{
    var (relay, ledger) = await FrameLatency.MeasureAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20);
    Console.WriteLine("| a frame of a run on another node, seen | frames | p50 ms | p99 ms | max ms |");
    Console.WriteLine("|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| through Orleans (relay grain) | {relay.Count} | {Percentile(relay, 50):0.0} | {Percentile(relay, 99):0.0} | {relay.Max():0.0} |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| from the ledger, read every 500 ms (before) | {ledger.Count} | {Percentile(ledger, 50):0.0} | {Percentile(ledger, 99):0.0} | {ledger.Max():0.0} |"));
    return;
}

if (args.Length > 0 && args[0] == "failover")
{
    var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
    var alpha = Path.GetFullPath(args.Length > 2 ? args[2] : "src/Alpha.Cli/bin/Release/net10.0/alpha.dll");
    Console.WriteLine("| round | runs lost | first suspicion (ms) | declared dead (ms) | declared dead, sampled between takeover reads (ms) | slowest takeover read (ms) | runs started again elsewhere (ms) |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    var results = new List<FailoverRound>();
    for (var round = 0; round < rounds; round++)
    {
        var r = await FailoverDrill.RoundAsync(alpha);
        results.Add(r);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {round + 1} | {r.Runs} | {r.SuspectedMs:0} | {r.DeadMs:0} | {r.DeadSampledBetweenReadsMs:0} | {r.SlowestReadMs:0} | {r.TakenOverMs:0} |"));
    }

    string Row(string name, Func<IEnumerable<double>, double> f) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | | {f(results.Select(r => r.SuspectedMs)):0} | {f(results.Select(r => r.DeadMs)):0} | {f(results.Select(r => r.DeadSampledBetweenReadsMs)):0} | {f(results.Select(r => r.SlowestReadMs)):0} | {f(results.Select(r => r.TakenOverMs)):0} |");
    Console.WriteLine(Row("median", v => Percentile([.. v], 50)));
    Console.WriteLine(Row("min", v => v.Min()));
    Console.WriteLine(Row("max", v => v.Max()));
    return;
}

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
