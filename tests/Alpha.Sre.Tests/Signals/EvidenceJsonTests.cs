using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Tests.Signals;

public sealed class EvidenceJsonTests
{
    [Fact]
    public void Serialize_SignalWithMetricChange_WritesSnakeCaseDiscriminatorAndFields()
    {
        var signal = new Signal("sig_001", "metric_anomaly", "cpu rose", Severity.High, "metrics", 12, "orders",
            payload: new MetricChange("cpu", MetricKind.Cpu, ChangeDirection.Up, 0.2, 0.9, 12.5, 11, 30, true) { AlertCoMovement = 0.8 });

        var json = JsonSerializer.Serialize(signal, AlphaJson.Options);

        Assert.Contains("\"payload\":{\"kind\":\"metric_change\"", json, StringComparison.Ordinal);
        Assert.Contains("\"metric_kind\":\"cpu\"", json, StringComparison.Ordinal);
        Assert.Contains("\"direction\":\"up\"", json, StringComparison.Ordinal);
        Assert.Contains("\"alert_co_movement\":0.8", json, StringComparison.Ordinal);
        Assert.DoesNotContain("is_success_like", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void RoundTrip_EveryPayloadKind_ReadsBackTheSameRecord(SreEvidence payload)
    {
        var signal = new Signal("sig_001", "t", "d", Severity.Low, "s", payload: payload);

        var read = AlphaJson.Deserialize<Signal>(JsonSerializer.Serialize(signal, AlphaJson.Options), "test");
        var back = ((OpaquePayload)read.Payload!).Json.Deserialize<SreEvidence>(AlphaJson.Options);

        Assert.Equal(JsonSerializer.Serialize<SreEvidence>(payload, AlphaJson.Options), JsonSerializer.Serialize<SreEvidence>(back!, AlphaJson.Options));
        Assert.Equal(payload.GetType(), back!.GetType());
    }

    public static TheoryData<SreEvidence> Payloads() => new()
    {
        new MetricChange("cpu", MetricKind.Cpu, ChangeDirection.Down, 1, 0.5),
        new MetricLevel("error_ratio", MetricKind.Errors, 0.2),
        new TraceFinding("call_gap", MetricKind.Latency, ChangeDirection.Up, 2, 40, 120, true, 9, 8, 10, false, ["a->b"], "callee"),
        new LogTemplateBurst("pool exhausted <*>", "pool", 12, 0, "SQLException", "db"),
        new CommitRisk("abc", ["connection-pool"], ["connection-pool"], ["db.yaml"], 2, true, 30),
        new DeploymentChange("1.0", "1.1", true, 12),
        new DeploymentRegression("1.0", "1.1", "success_rate", "success_rate", MetricKind.Errors, false, 100, 40, 15, 15, 1, 1),
        new ConfigChange("db.pool_size", ConfigChangeKind.Changed, "50", "5", "pool size", "connection-pool"),
    };
}
