using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alpha.Runtime.Diagnostics;
using Alpha.Runtime.Schemas;
using Alpha.Testing;

namespace Alpha.Runtime.Tests.Diagnostics;

public sealed class TelemetryTests
{
    [Fact]
    public async Task ExecuteAsync_EmitsExecutionAndAgentSpans()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AlphaTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var runtime = new AlphaRuntime(extractor: new StaticSignalExtractor(Claims.Signal("sig_001")));
        runtime.Register(ScriptedAgent.Returning("telemetry-agent", Claims.Valid("x")));

        var result = await runtime.ExecuteAsync(new IncidentInput("d"));

        var execution = Assert.Single(spans, s => s.OperationName == "alpha.execute" && (string?)s.GetTagItem("alpha.execution.id") == result.ExecutionId);
        var agent = Assert.Single(spans, s => s.OperationName == "invoke_agent telemetry-agent" && (string?)s.GetTagItem("alpha.execution.id") == result.ExecutionId);
        Assert.Equal(execution.SpanId, agent.ParentSpanId);
        Assert.Equal("completed", agent.GetTagItem("alpha.agent.outcome"));
    }

    [Fact]
    public async Task ExecuteAsync_RecordsAgentOutcomeAndDurationMetrics()
    {
        var outcomes = new ConcurrentBag<(string Agent, string Outcome)>();
        var durations = new ConcurrentBag<double>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AlphaTelemetry.SourceName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "alpha.agent.outcomes")
            {
                var dict = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
                outcomes.Add((dict["gen_ai.agent.name"]!, dict["alpha.agent.outcome"]!));
            }
        });
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "alpha.agent.duration" && tags.ToArray().Any(t => t.Key == "gen_ai.agent.name" && (string?)t.Value == "metrics-failer"))
            {
                durations.Add(value);
            }
        });
        meters.Start();
        var runtime = new AlphaRuntime(extractor: new StaticSignalExtractor(Claims.Signal("sig_001")));
        runtime.Register(ScriptedAgent.Throwing("metrics-failer", new InvalidOperationException("x")));

        await runtime.ExecuteAsync(new IncidentInput("d"));

        Assert.Contains(("metrics-failer", "failed"), outcomes);
        Assert.Single(durations);
    }
}
