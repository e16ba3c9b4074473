using Alpha.Sre.Analysis;
using Alpha.Sre.Incidents;
using BenchmarkDotNet.Attributes;

namespace Alpha.Benchmarks;

/// <summary>
/// The analyze path from the incident's text, as <c>alpha analyze --no-ledger</c> runs it: read the YAML (or JSON)
/// document into the incident model, then the deterministic analysis (extraction, four agents, judge, synthesis).
/// <see cref="ParseOnly"/> is the reading alone. Uses examples/incidents/db-pool-config.yaml (YAML) and seed.json (JSON).
/// </summary>
[MemoryDiagnoser]
public class AnalyzeFromTextBenchmarks
{
    private SreAnalyzer _analyzer = null!;
    private string _text = string.Empty;

    /// <summary>The example incident to read and analyse.</summary>
    [Params("db-pool-config.yaml", "seed.json")]
    public string File { get; set; } = "db-pool-config.yaml";

    [GlobalSetup]
    public void Setup()
    {
        _analyzer = new SreAnalyzer(new SreAnalyzerOptions());
        _text = System.IO.File.ReadAllText(Path.Combine(LedgerBenchmarks.ExamplesRoot(), "incidents", File));
    }

    [Benchmark]
    public object ParseOnly() => IncidentDocument.Parse(_text, File);

    [Benchmark]
    public Task<AnalysisReport> ParseAndAnalyze() => _analyzer.AnalyzeAsync(IncidentDocument.Parse(_text, File));
}
