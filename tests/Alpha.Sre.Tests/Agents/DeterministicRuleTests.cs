using Alpha.Runtime;
using Alpha.Runtime.Agents;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;

namespace Alpha.Sre.Tests.Agents;

public sealed class DeterministicRuleTests
{
    private static async Task<ExecutionResult> RunAsync(string yaml, params BaseAgent[] agents)
    {
        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        foreach (var agent in agents)
        {
            runtime.Register(agent);
        }

        return await runtime.ExecuteAsync(IncidentDocument.Parse(yaml, "t.yaml"));
    }

    private const string Header = """
        deployment_id: d
        detected_at: "2026-01-01T00:10:00Z"
        metrics_start: "2026-01-01T00:00:00Z"
        metrics_step_seconds: 60
        """;

    [Fact]
    public async Task MetricsAgent_ResourceAndLatencyOnOneService_BlamesTheResource()
    {
        var result = await RunAsync(Header + """

            metrics:
              api.latency_ms: [50, 51, 49, 50, 52, 50, 51, 49, 50, 50, 900, 950, 920, 940]
              api.cpu: [0.2, 0.21, 0.19, 0.2, 0.22, 0.2, 0.21, 0.19, 0.2, 0.2, 0.9, 0.95, 0.93, 0.94]
            """, new MetricsAgent());

        var top = result.RankedHypotheses[0];
        Assert.Equal("cpu", top.FaultType);
        Assert.Equal("api", top.Service);
        Assert.Equal(FaultTypes.Label("cpu", "api"), top.Label);
    }

    [Fact]
    public async Task MetricsAgent_WithTopology_RanksTheDeepestAnomalousServiceFirst()
    {
        // The callee slowed down by ~750 ms and the caller inherits the same delay: the caller is louder (it also
        // shows errors) but the callee changed first-hand.
        var result = await RunAsync(Header + """

            topology: {front: [back]}
            metrics:
              front.latency_ms: [100, 101, 99, 100, 102, 100, 101, 99, 100, 100, 860, 880, 870, 875]
              front.error_rate: [0.01, 0.011, 0.009, 0.01, 0.012, 0.01, 0.011, 0.009, 0.01, 0.01, 0.2, 0.21, 0.2, 0.22]
              back.latency_ms: [50, 51, 49, 50, 52, 50, 51, 49, 50, 50, 800, 820, 810, 815]
            """, new MetricsAgent());

        Assert.Equal("back", result.RankedHypotheses[0].Service);
        Assert.Equal("front", result.RankedHypotheses[1].Service);
    }

    [Fact]
    public async Task MetricsAgent_WithAlert_PrefersTheAnomalyThatMovedWithTheAlert()
    {
        // Both services change at the onset by a similar robust amount; only 'db' moves with the alerting latency.
        var result = await RunAsync(Header + """

            alert: {service: web, metric: latency_ms}
            metrics:
              web.latency_ms: [100, 101, 99, 100, 102, 100, 101, 99, 100, 100, 300, 500, 700, 900]
              db.latency_ms: [10, 11, 9, 10, 12, 10, 11, 9, 10, 10, 30, 50, 70, 90]
              cache.cpu: [0.2, 0.21, 0.19, 0.2, 0.22, 0.2, 0.21, 0.19, 0.2, 0.2, 0.9, 0.2, 0.9, 0.2]
            """, new MetricsAgent());

        var ranked = result.RankedHypotheses.Select(h => h.Service).ToArray();
        Assert.True(Array.IndexOf(ranked, "db") < Array.IndexOf(ranked, "cache"), string.Join(", ", ranked));
    }

    [Theory]
    [InlineData(false, "api")]
    [InlineData(true, "db")]
    public async Task MetricsAgent_WithTraces_SetsLatencyMetricsAside(bool withTraces, string expectedTop)
    {
        var traces = withTraces ? "traces:\n  - {trace_id: t, span_id: s, service: api, duration_ms: 5}\n" : "";
        var result = await RunAsync(Header + "\n" + traces + """
            metrics:
              api.client_latency_ms: [50, 51, 49, 50, 52, 50, 51, 49, 50, 50, 5000, 5100, 5050, 5080]
              db.cpu: [0.2, 0.21, 0.19, 0.2, 0.22, 0.2, 0.21, 0.19, 0.2, 0.2, 0.6, 0.62, 0.61, 0.6]
            """, new MetricsAgent());

        Assert.Equal(expectedTop, result.RankedHypotheses[0].Service);
    }

    [Fact]
    public async Task LogAgent_TimeoutsNamingACallee_BlameTheCallee()
    {
        var result = await RunAsync(Header + """

            topology: {checkout: [payment]}
            logs:
              - {timestamp: "2026-01-01T00:11:00Z", service: checkout, level: ERROR, message: "timeout calling payment after 5000ms"}
            """, new LogAgent());

        var top = Assert.Single(result.RankedHypotheses);
        Assert.Equal("payment", top.Service);
        Assert.Equal("dependency-failure", top.FaultType);
    }

    [Fact]
    public async Task ConfigAndLogs_PoolCutAndPoolErrors_AgreeOnOneHypothesis()
    {
        var result = await RunAsync(Header + """

            logs:
              - {timestamp: "2026-01-01T00:11:00Z", service: orders, level: ERROR, message: "connection pool exhausted"}
            config_snapshot:
              previous: {orders: {pool_size: 40}}
              current: {orders: {pool_size: 4}}
            """, new LogAgent(), new ConfigAgent());

        var top = result.RankedHypotheses[0];
        Assert.Equal(["config", "logs"], top.ContributingAgents);
        Assert.Equal("connection-pool", top.FaultType);
        Assert.Equal(top.Confidence + 0.1, top.Score, 6);
    }

    [Fact]
    public async Task CommitAgent_ChangeAfterOnset_IsNotASuspect()
    {
        var result = await RunAsync(Header + """

            recent_commits:
              - {sha: late, timestamp: "2026-01-01T00:20:00Z", service: api, message: "raise timeout"}
              - {sha: early, timestamp: "2026-01-01T00:05:00Z", service: api, message: "raise timeout"}
            """, new CommitAgent());

        var top = Assert.Single(result.RankedHypotheses);
        var signals = result.SignalsUsed.ToDictionary(s => s.Id);
        Assert.All(top.SupportingSignals, id => Assert.NotEqual("late", (signals[id].Payload as Alpha.Sre.Signals.Evidence.CommitRisk)?.Sha));
    }

    [Fact]
    public async Task ConfigAgent_UnriskyChange_ProposesNothing()
    {
        var result = await RunAsync("deployment_id: d\nconfig_snapshot:\n  previous: {banner: hi}\n  current: {banner: hello}\n", new ConfigAgent());

        Assert.Empty(result.RankedHypotheses);
        Assert.True(result.RequiresHumanReview);
    }

    [Theory]
    [InlineData(3, 0.47)]
    [InlineData(10, 0.60)]
    [InlineData(100, 0.73)]
    [InlineData(1000, 0.80)]
    public void ConfidenceFromStrength_IsMonotoneAndBounded(double strength, double expected)
    {
        Assert.Equal(expected, SignalFacts.ConfidenceFromStrength(strength), 2);
    }
}
