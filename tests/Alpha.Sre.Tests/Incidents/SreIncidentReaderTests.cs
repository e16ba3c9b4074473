using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Tests.Incidents;

public sealed class SreIncidentReaderTests
{
    private static SreIncident Read(string text, string source = "incident.json") => IncidentDocument.Read(text, source);

    [Fact]
    public void Read_SeedMinimalForm_IsAcceptedUnchanged()
    {
        var incident = Read("""
            {"deployment_id": "d1", "logs": ["ERROR boom"], "metrics": {"cpu_usage": 0.95},
             "recent_commits": [{"sha": "abc", "message": "m"}], "config_snapshot": {"pool": 5}}
            """);

        Assert.Equal("d1", incident.DeploymentId);
        Assert.Equal("ERROR boom", Assert.Single(incident.Logs).Message);
        var metric = Assert.Single(incident.Metrics);
        Assert.Null(metric.Service);
        Assert.Equal("cpu_usage", metric.Metric);
        Assert.Equal(0.95, Assert.Single(metric.Points).Value);
        Assert.Equal("abc", Assert.Single(incident.Commits).Sha);
        Assert.Null(incident.ConfigPrevious);
        Assert.Equal(5, incident.ConfigCurrent.GetProperty("pool").GetInt32());
    }

    [Theory]
    [InlineData("orders.cpu", "orders", "cpu")]
    [InlineData("checkoutservice_cpu", "checkoutservice", "cpu")]
    [InlineData("carts_lat_50", "carts", "lat_50")]
    [InlineData("cpu_usage", null, "cpu_usage")]
    [InlineData("error_rate", null, "error_rate")]
    [InlineData("latency", null, "latency")]
    public void SplitMetricKey_Forms_GiveServiceAndMetric(string key, string? service, string metric)
    {
        Assert.Equal((service, metric), SreIncidentReader.SplitMetricKey(key));
    }

    [Fact]
    public void Read_MetricShapes_AreAllUnderstood()
    {
        var incident = Read("""
            {"deployment_id": "d", "metrics_start": "2026-01-01T00:00:00Z", "metrics_step_seconds": 30,
             "metrics": {"a.cpu": [1, 2, 3], "b.mem": [["2026-01-01T00:00:00Z", 5], [1767225660, 6]], "c.lat": {"baseline": 10, "current": 50}}}
            """);

        var a = incident.Metrics.Single(m => m.Service == "a");
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero), a.Points[2].Timestamp);
        var b = incident.Metrics.Single(m => m.Service == "b");
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 1, 0, TimeSpan.Zero), b.Points[1].Timestamp);
        var c = incident.Metrics.Single(m => m.Service == "c");
        Assert.Equal(10, c.Baseline);
        Assert.Equal(50, Assert.Single(c.Points).Value);
    }

    [Fact]
    public void Read_RichSections_AreTyped()
    {
        var incident = Read("""
            deployment_id: d
            detected_at: "2026-01-01T10:00:00Z"
            logs:
              - {timestamp: "2026-01-01T10:00:01Z", service: orders, level: ERROR, message: "pool exhausted"}
            recent_commits:
              - sha: abc
                files: [{path: a/b.cs, additions: 3, deletions: 1, patch: "+x"}]
            config_snapshot:
              previous: {pool: 50}
              current: {pool: 5}
            deployments:
              - {service: orders, from_version: "1", to_version: "2", started_at: "2026-01-01T09:50:00Z"}
            topology: {checkout: [orders]}
            traces:
              - {trace_id: t, span_id: s1, service: orders, duration_ms: 12.5, error: true}
            """, "incident.yaml");

        Assert.Equal("orders", incident.Logs[0].Service);
        Assert.Equal("ERROR", incident.Logs[0].Level);
        Assert.Equal(3, incident.Commits[0].Files[0].Additions);
        Assert.Equal(50, incident.ConfigPrevious!.Value.GetProperty("pool").GetInt32());
        Assert.Equal("2", incident.Deployments[0].ToVersion);
        Assert.Equal(["orders"], incident.Topology["checkout"]);
        Assert.True(incident.Traces[0].Error);
        Assert.Equal(["checkout", "orders"], incident.Services);
    }

    [Fact]
    public void Parse_YamlAndJson_GiveTheSameIncident()
    {
        var json = Read("""{"deployment_id": "d", "metrics": {"a.cpu": [1, 2.5]}, "config_snapshot": {"flag": true, "name": "x"}}""");
        var yaml = Read("deployment_id: d\nmetrics:\n  a.cpu: [1, 2.5]\nconfig_snapshot:\n  flag: true\n  name: x\n", "i.yaml");

        Assert.Equal(json.Metrics[0].Points, yaml.Metrics[0].Points);
        Assert.True(System.Text.Json.JsonElement.DeepEquals(json.ConfigCurrent, yaml.ConfigCurrent));
    }

    [Theory]
    [InlineData("""{"deployment_id": "d", "metrics": {"a.cpu": [1, "x"]}}""", "metrics.a.cpu[1]")]
    [InlineData("""{"deployment_id": "d", "logs": [{"level": "ERROR"}]}""", "logs[0].message")]
    [InlineData("""{"deployment_id": "d", "logs": [{"message": "m", "timestamp": "yesterday"}]}""", "logs[0].timestamp")]
    [InlineData("""{"deployment_id": "d", "metrics": {"a.cpu": {"baseline": 1}}}""", "metrics.a.cpu")]
    [InlineData("""{"deployment_id": "d", "deployments": [{"to_version": "2"}]}""", "deployments[0].service")]
    [InlineData("""{"deployment_id": "d", "topology": {"a": "b"}}""", "topology.a")]
    [InlineData("""{"deployment_id": "d", "recent_commits": [{"sha": "a", "files": [{"additions": 1}]}]}""", "recent_commits[0].files[0].path")]
    public void Parse_BadSection_NamesTheField(string text, string field)
    {
        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse(text, "incident.json"));

        Assert.Equal(field, ex.Field);
        Assert.Equal("incident.json", ex.Source);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsLine()
    {
        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse("deployment_id: d\nlogs: a: b\n", "bad.yaml"));

        Assert.Equal(2, ex.Line);
        Assert.Contains("YAML", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedYamlList_IsAnInputError()
    {
        var ex = Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse("deployment_id: d\nlogs: [a, b\nmetrics: {}\n", "bad.yaml"));

        Assert.Contains("unclosed", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_IsRejected()
    {
        Assert.Throws<InvalidInputException>(() => IncidentDocument.Parse("  ", "x.json"));
    }
}
