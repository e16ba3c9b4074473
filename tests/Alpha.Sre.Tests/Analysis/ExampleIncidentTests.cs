using Alpha.Sre.Analysis;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Tests.Analysis;

public sealed class ExampleIncidentTests
{
    private static async Task<AnalysisReport> AnalyzeAsync(string file)
    {
        var incident = await IncidentDocument.LoadAsync(Examples.Path(file), TextReader.Null, CancellationToken.None);
        var analyzer = new SreAnalyzer();
        return await analyzer.AnalyzeAsync(incident);
    }

    // The expected answer of each example is the root cause documented at the top of its file.
    [Theory]
    [InlineData("db-pool-config.yaml", "orders", new[] { "connection-pool" })]
    [InlineData("memory-leak-deploy.yaml", "cart", new[] { "memory" })]
    [InlineData("downstream-timeout.yaml", "payment", new[] { "network-delay", "dependency-failure" })]
    [InlineData("cpu-hot-loop.yaml", "search", new[] { "cpu" })]
    [InlineData("bad-feature-flag.yaml", "pricing", new[] { "code-exception", "config-change" })]
    [InlineData("disk-full-logs.yaml", "ingest", new[] { "disk" })]
    [InlineData("deploy-cpu-regression.yaml", "pricing", new[] { "cpu" })]
    public async Task Analyze_Example_TopHypothesisIsTheDocumentedCause(string file, string service, string[] faultTypes)
    {
        var report = await AnalyzeAsync(file);

        var top = report.RankedHypotheses[0];
        Assert.Equal(service, top.Service);
        Assert.Contains(top.FaultType, faultTypes);
        Assert.All(report.Agents, a => Assert.Equal("completed", a.Outcome));
        Assert.Contains(service, report.Synthesis.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_Seed_FindsThePoolCause()
    {
        var report = await AnalyzeAsync("seed.json");

        Assert.Equal("connection-pool", report.RankedHypotheses[0].FaultType);
        Assert.True(report.RankedHypotheses[0].ContributingAgents.Count >= 2);
    }

    [Fact]
    public async Task Analyze_DbPool_SynthesisNamesTheChangeToRevert()
    {
        var report = await AnalyzeAsync("db-pool-config.yaml");

        Assert.Contains(report.Synthesis.NextSteps, s => s.Contains("maximum_pool_size", StringComparison.Ordinal));
        Assert.Contains(report.Synthesis.EvidenceChain, s => s.Contains("[config]", StringComparison.Ordinal));
        Assert.Equal("deterministic", report.Synthesis.Mode);
    }

    [Fact]
    public async Task Analyze_DeployThatMadeAServiceCpuBound_RanksOneJoinedHypothesisFirst()
    {
        var report = await AnalyzeAsync("deploy-cpu-regression.yaml");

        var top = report.RankedHypotheses[0];
        Assert.Equal("pricing", top.Service);
        Assert.Equal("cpu", top.FaultType);
        Assert.Contains("commits", top.ContributingAgents);
        Assert.Contains("metrics", top.ContributingAgents);
        // The deploy, the commit it ships and the CPU anomaly are one hypothesis, not rivals.
        Assert.DoesNotContain(report.RankedHypotheses.Skip(1), h => h.Service == "pricing");
        Assert.False(report.RequiresHumanReview, string.Join("; ", report.ReviewReasons));
        Assert.Contains("1.15.0", top.Description + report.Synthesis.Summary, StringComparison.Ordinal);
    }
}
