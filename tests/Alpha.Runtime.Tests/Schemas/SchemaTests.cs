using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Tests.Schemas;

public sealed class SchemaTests
{
    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Hypothesis_ConfidenceOutOfRange_Throws(double confidence)
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new Hypothesis("label", "d", confidence, Severity.High, ["sig_001"], "agent"));
        Assert.Equal("confidence", ex.Field);
    }

    [Fact]
    public void Hypothesis_EmptyLabel_NamesField()
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new Hypothesis(" ", "d", 0.5, Severity.High, ["sig_001"], "agent"));
        Assert.Equal("label", ex.Field);
    }

    [Fact]
    public void Hypothesis_NoSupportingSignals_Throws()
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new Hypothesis("l", "d", 0.5, Severity.High, [], "agent"));
        Assert.Equal("supporting_signals", ex.Field);
    }

    [Fact]
    public void Hypothesis_UndefinedSeverity_Throws()
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new Hypothesis("l", "d", 0.5, (Severity)7, ["sig_001"], "agent"));
        Assert.Equal("severity", ex.Field);
        Assert.Contains("low, medium, high", ex.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Signal_EmptyId_Throws()
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new Signal("", "t", "d", Severity.Low, "logs"));
        Assert.Equal("id", ex.Field);
    }

    [Fact]
    public void Signal_Json_RoundTripsSnakeCase()
    {
        var signal = new Signal("sig_001", "log_error_burst", "burst", Severity.High, "logs", 12.5, "orders");

        var json = JsonSerializer.Serialize(signal, AlphaJson.Options);
        var back = AlphaJson.Deserialize<Signal>(json, "test");

        Assert.Contains("\"severity\":\"high\"", json, StringComparison.Ordinal);
        Assert.Equal(signal, back);
    }

    [Fact]
    public void Signal_PayloadOfUnknownType_ReadsBackAsOpaqueJson()
    {
        var signal = new Signal("sig_001", "probe", "probe", Severity.Low, "test", payload: new ProbePayload("a", 2));

        var json = JsonSerializer.Serialize(signal, AlphaJson.Options);
        var back = AlphaJson.Deserialize<Signal>(json, "test");

        Assert.Contains("\"payload\":{\"kind\":\"probe\",\"name\":\"a\",\"count\":2}", json, StringComparison.Ordinal);
        var opaque = Assert.IsType<OpaquePayload>(back.Payload);
        Assert.Equal("probe", opaque.Json.GetProperty("kind").GetString());
        Assert.Equal(json, JsonSerializer.Serialize(back, AlphaJson.Options));
    }

    [Fact]
    public void IncidentInput_As_ReturnsTheModelOrNamesWhatItCarries()
    {
        var incident = new IncidentInput("d", new Uri("https://example.test"));

        Assert.Equal("https://example.test/", incident.As<Uri>().ToString());
        var ex = Assert.Throws<InvalidOperationException>(() => incident.As<string>());
        Assert.Contains("Uri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IncidentInput_WithoutModel_SerialisesItsId()
    {
        Assert.Equal("""{"deployment_id":"d"}""", JsonSerializer.Serialize(new IncidentInput("d"), AlphaJson.Options));
    }

    [Fact]
    public void IncidentInput_BlankId_Throws()
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new IncidentInput(" "));
        Assert.Equal("deployment_id", ex.Field);
    }

    [Fact]
    public void AgentResult_NegativeTime_Throws()
    {
        var ex = Assert.Throws<SchemaValidationException>(() => new AgentResult("a", [], -1));
        Assert.Equal("execution_time_ms", ex.Field);
    }

    [Fact]
    public void AgentResult_Json_ParsesClaimsWithoutValidatingThem()
    {
        var result = AlphaJson.Deserialize<AgentResult>(
            """{"agent_name":"llm","hypotheses":[{"label":"x","description":"d","confidence":1.7,"severity":"extreme","supporting_signals":["sig_404"]}]}""",
            "model output");

        var claim = Assert.Single(result.Hypotheses);
        Assert.Equal(1.7, claim.Confidence);
        Assert.Equal("extreme", claim.Severity);
    }

    [Fact]
    public void ExecutionResult_IsTypedAndSerialisesSnakeCase()
    {
        var result = new ExecutionResult("exe_1", [], [], true, ["none"], [], [], DateTimeOffset.UnixEpoch, 1.5);

        var json = JsonSerializer.Serialize(result, AlphaJson.Options);

        Assert.Contains("\"ranked_hypotheses\":[]", json, StringComparison.Ordinal);
        Assert.Contains("\"requires_human_review\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"execution_id\":\"exe_1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"signals_used\":[]", json, StringComparison.Ordinal);
    }
}
