using Alpha.Runtime.Security;
using BenchmarkDotNet.Attributes;

namespace Alpha.Benchmarks;

/// <summary>
/// Cost of <see cref="SecretRedactor.Redact(string)"/> per real log line: the raw lines of every loghub-2k and
/// loghub-v1-2k system (18,000 lines, nearly none holding a secret, which is the common case for an incident's
/// logs). One operation is one line, so the mean is the time per line. The data is read from /work/shared/data
/// (ALPHA_SHARED_DATA overrides).
/// </summary>
[MemoryDiagnoser]
public class RedactorBenchmarks
{
    private static readonly string[] Sets = ["loghub-2k", "loghub-v1-2k"];
    private readonly SecretRedactor _redactor = new(new byte[32]);
    private string[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = Environment.GetEnvironmentVariable("ALPHA_SHARED_DATA") is { Length: > 0 } configured ? configured : "/work/shared/data";
        _lines = [.. Sets
            .SelectMany(set => Directory.GetFiles(Path.Combine(root, set), "*_2k.log", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)];
        if (_lines.Length != 18_000)
        {
            throw new InvalidOperationException($"expected 18,000 loghub lines under {root}, found {_lines.Length}");
        }
    }

    /// <summary>Every line through the redactor.</summary>
    [Benchmark(OperationsPerInvoke = 18_000)]
    public int RedactLogLines()
    {
        var changed = 0;
        foreach (var line in _lines)
        {
            if (!ReferenceEquals(line, _redactor.Redact(line)))
            {
                changed++;
            }
        }

        return changed;
    }
}
