using Alpha.Sre.Evaluation.LogParsing;
using Alpha.Sre.LogMining;
using BenchmarkDotNet.Attributes;

namespace Alpha.Benchmarks;

/// <summary>
/// Log template mining throughput on HDFS-like lines: the Content column of loghub-2k's HDFS_2k (2,000 lines)
/// repeated <see cref="Repeats"/> times. One operation is one line (<c>OperationsPerInvoke</c>), so the mean is
/// the time per line and lines/s = 1e9 / mean(ns). The data is read from ../shared/data beside the repository
/// (ALPHA_SHARED_DATA overrides).
/// </summary>
[MemoryDiagnoser]
public class LogMinerBenchmarks
{
    private const int Repeats = 100;
    private const int Lines = 2_000 * Repeats;
    private static readonly DateTimeOffset Stamp = new(2008, 11, 9, 20, 36, 15, TimeSpan.Zero);

    private string[] _lines = [];
    private LogTemplateMiner _trained = new();
    private LogTokenBuffer _tokens = new();

    [GlobalSetup]
    public void Setup()
    {
        var file = Path.Combine(DataRoot(), "loghub-2k", "HDFS", "HDFS_2k.log_structured_corrected.csv");
        var set = LoghubLoader.LoadAsync(file).GetAwaiter().GetResult();
        var content = set.Lines.Select(l => l.Content).ToArray();
        if (content.Length != 2_000)
        {
            throw new InvalidOperationException($"expected 2,000 HDFS lines in {file}, found {content.Length}");
        }

        _lines = [.. Enumerable.Range(0, Repeats).SelectMany(_ => content)];
        _trained = new LogTemplateMiner();
        foreach (var line in content)
        {
            _trained.Add(line, Stamp);
        }

        _tokens = new LogTokenBuffer();
        var templates = Mine();
        if (templates != 14)
        {
            throw new InvalidOperationException($"expected 14 HDFS templates, mined {templates}");
        }
    }

    /// <summary>A fresh miner takes every line (learning as it goes): the online case.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public int Mine()
    {
        var miner = new LogTemplateMiner();
        foreach (var line in _lines)
        {
            miner.Add(line, Stamp);
        }

        return miner.TemplateCount;
    }

    /// <summary>As <see cref="Mine"/>, but without timestamps: the miner reads the system clock per line.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int MineWithClock()
    {
        var miner = new LogTemplateMiner();
        foreach (var line in _lines)
        {
            miner.Add(line);
        }

        return miner.TemplateCount;
    }

    /// <summary>A trained miner classifies every line without learning.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Match()
    {
        var found = 0;
        foreach (var line in _lines)
        {
            found += _trained.Match(line) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>Only splitting and masking, the first step of every line.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int TokenizeAndMask()
    {
        var tokens = 0;
        foreach (var line in _lines)
        {
            _tokens.Load(line, mask: true);
            tokens += _tokens.Count;
        }

        return tokens;
    }

    private static string DataRoot()
    {
        var configured = Environment.GetEnvironmentVariable("ALPHA_SHARED_DATA");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/data (beside the repository) was not found; set ALPHA_SHARED_DATA to its path.");
    }
}
