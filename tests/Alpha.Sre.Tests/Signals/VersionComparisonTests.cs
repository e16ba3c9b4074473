using System.Globalization;
using System.Text;
using Alpha.Runtime;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Changes;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Tests.Signals;

public sealed class VersionComparisonTests
{
    // Rollouts start at 00:05; samples every minute from 00:00 to 00:19; detected at 00:08.
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Series(Func<int, double?> valueAt, int from = 0, int to = 19)
    {
        var points = Enumerable.Range(from, to - from + 1)
            .Select(i => (i, v: valueAt(i)))
            .Where(p => p.v is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"[{T0.AddMinutes(p.i).ToUnixTimeSeconds()}, {p.v}]"));
        return "[" + string.Join(", ", points) + "]";
    }

    private static SreIncident Incident(params (string Key, string Series)[] metrics) =>
        IncidentDocument.Read(Json(metrics, ("api", "v1", "v2", 5)), "t.json");

    private static string Json((string Key, string Series)[] metrics, params (string Service, string From, string To, int StartMinute)[] deployments) =>
        new StringBuilder("""{"deployment_id": "d", "detected_at": """)
            .Append(T0.AddMinutes(8).ToUnixTimeSeconds()).Append(""", "deployments": [""")
            .AppendJoin(", ", deployments.Select(d => $$"""{"service": "{{d.Service}}", "from_version": "{{d.From}}", "to_version": "{{d.To}}", "started_at": {{T0.AddMinutes(d.StartMinute).ToUnixTimeSeconds()}}}"""))
            .Append("""], "metrics": {""")
            .AppendJoin(", ", metrics.Select(m => $"\"{m.Key}\": {m.Series}"))
            .Append("}}")
            .ToString();

    private static IReadOnlyList<Signal> Regressions(SreIncident incident)
    {
        var builder = new SignalBuilder();
        VersionComparisonExtractor.Extract(incident, builder);
        return builder.Signals;
    }

    [Theory]
    [InlineData("api.cpu{version=v2,instance=api-2}", "api.cpu", "version=v2", "instance=api-2")]
    [InlineData("api.cpu{version=\"1.2.3\", instance=\"a,b\"}", "api.cpu", "version=1.2.3", "instance=a,b")]
    [InlineData("latency{version=1.2}", "latency", "version=1.2", null)]
    public void SplitLabels_KeyWithLabelSet_GivesNameAndLabels(string key, string name, string first, string? second)
    {
        var (actualName, labels) = SreIncidentReader.SplitLabels(key)!.Value;

        Assert.Equal(name, actualName);
        Assert.Equal(second is null ? [first] : [first, second], labels.Select(l => $"{l.Key}={l.Value}"));
        Assert.Equal((null, "latency"), SreIncidentReader.SplitMetricKey(SreIncidentReader.SplitLabels("latency{version=1.2}")!.Value.Name));
    }

    [Theory]
    [InlineData("api.cpu{version}")]
    [InlineData("api.cpu{version=v1")]
    [InlineData("api.cpu{a=1,a=2}")]
    public void Read_MalformedLabelSet_NamesTheField(string key)
    {
        var json = "{\"deployment_id\": \"d\", \"metrics\": {\"" + key + "\": 1}}";

        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse(json, "t.json"));

        Assert.Contains($"metrics.{key}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelledSeries_KeepsServiceMetricAndLabels()
    {
        var incident = Incident(("api.success_rate{version=v2,instance=api-2,caller=web}", "[[1767225600, 99]]"));

        var series = Assert.Single(incident.Metrics);
        Assert.Equal(("api", "success_rate"), (series.Service, series.Metric));
        Assert.Equal("web", series.Labels["caller"]);
    }

    [Fact]
    public void Extract_NewVersionFailsCalls_ReportsTheDropInRobustScales()
    {
        var incident = Incident(
            ("api.success_rate{version=v1,instance=api-1}", Series(i => i % 3 == 0 ? 99 : 100)),
            ("api.success_rate{version=v2,instance=api-2}", Series(_ => 40, from: 5)));

        var signal = Assert.Single(Regressions(incident));

        Assert.Equal(VersionComparisonExtractor.SignalType, signal.Type);
        Assert.Equal(("api", "deployments"), (signal.Service, signal.Source));
        // Old side from 00:05: 15 samples, five of them 99 (median 100, IQR 1); new side 40: (100 - 40) / 1 = 60 down.
        Assert.Equal(60, signal.Value!.Value, 6);
        var payload = Assert.IsType<DeploymentRegression>(signal.Payload);
        Assert.False(payload.Silent);
        Assert.Equal("success_rate", payload.Family);
        Assert.Equal(Severity.High, signal.Severity);
    }

    [Fact]
    public void Extract_HealthyRollout_ReportsNothing()
    {
        var incident = Incident(
            ("api.success_rate{version=v1,instance=api-1}", Series(i => i % 2 == 0 ? 100 : 99)),
            ("api.success_rate{version=v2,instance=api-2}", Series(i => i % 2 == 0 ? 99 : 100, from: 5)),
            ("api.latency{version=v1,instance=api-1}", Series(i => 10 + (i % 3))),
            ("api.latency{version=v2,instance=api-2}", Series(i => 9 + (i % 3), from: 5)));

        Assert.Empty(Regressions(incident));
    }

    [Fact]
    public void Extract_HigherCpuButNotHigherMemory_OnlyCpuCounts()
    {
        var incident = Incident(
            ("api.cpu_usage_percent{version=v1,instance=api-1}", Series(i => 20 + (i % 2))),
            ("api.cpu_usage_percent{version=v2,instance=api-2}", Series(_ => 40, from: 5)),
            ("api.memory_usage_percent{version=v1,instance=api-1}", Series(i => 20 + (i % 2))),
            ("api.memory_usage_percent{version=v2,instance=api-2}", Series(_ => 80, from: 5)));

        var signal = Assert.Single(Regressions(incident));

        Assert.Equal(MetricKind.Cpu, Assert.IsType<DeploymentRegression>(signal.Payload).MetricKind);
    }

    [Fact]
    public void Extract_NewVersionNeverServes_IsSilentWithItsZScore()
    {
        var incident = Incident(
            ("api.success_rate{version=v1,instance=api-1,caller=web}", Series(_ => 100)),
            ("api.cpu_usage_percent{version=v2,instance=api-2}", Series(_ => 1, from: 5)));

        var signal = Assert.Single(Regressions(incident));

        // Old side: all 15 one-minute slots from 00:05 to 00:19 filled -> q = 16/17, P = (1/17)^15.
        var payload = Assert.IsType<DeploymentRegression>(signal.Payload);
        Assert.True(payload.Silent);
        Assert.Equal("success_rate{caller=web}", payload.Family);
        Assert.Equal(Math.Sqrt(-2 * 15 * Math.Log(1 - (16.0 / 17))), signal.Value!.Value, 6);
    }

    [Fact]
    public void Extract_OldVersionRarelyServedEither_SilenceMeansNothing()
    {
        // Three requests in the 15 one-minute slots: q = 4/17, P = (13/17)^15 = 0.018, z = 2.8 < 3.
        var incident = Incident(
            ("api.success_rate{version=v1,instance=api-1}", Series(i => i is 5 or 12 or 19 ? 100 : null)),
            ("api.cpu_usage_percent{version=v1,instance=api-1}", Series(_ => 1)));

        Assert.Empty(Regressions(incident));
    }

    [Fact]
    public async Task CommitAgent_RegressedDeployment_OutranksAMoreRecentHealthyOne()
    {
        var json = Json(
            [
                ("api.success_rate{version=v1,instance=api-1}", Series(_ => 100)),
                ("api.success_rate{version=v2,instance=api-2}", Series(_ => 30, from: 4)),
                ("web.success_rate{version=v1,instance=web-1}", Series(_ => 100)),
                ("web.success_rate{version=v2,instance=web-2}", Series(_ => 100, from: 7)),
            ],
            ("api", "v1", "v2", 4),
            ("web", "v1", "v2", 7));
        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        runtime.Register(new CommitAgent());

        var result = await runtime.ExecuteAsync(IncidentDocument.Parse(json, "t.json"));

        var top = result.RankedHypotheses[0];
        Assert.Equal(("api", FaultTypes.BadDeploy), (top.Service, top.FaultType));
        Assert.True(top.Confidence >= CommitAgent.RegressionFloor);
        Assert.Contains(top.SupportingSignals, id => result.SignalsUsed.Single(s => s.Id == id).Type == VersionComparisonExtractor.SignalType);
        Assert.True(result.RankedHypotheses.Single(h => h.Service == "web").Confidence < CommitAgent.ResourceRegressionFloor);
    }
}
