using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;
using Alpha.Sre.Signals.Traces;

namespace Alpha.Sre.Tests.Signals;

public sealed class TraceSignalExtractorTests
{
    private static readonly DateTimeOffset Onset = new(2026, 1, 1, 0, 10, 0, TimeSpan.Zero);

    private static readonly Func<int, bool, double> Normal = (i, _) => 2 + (i % 5 * 0.5);

    [Fact]
    public void Extract_CallsIntoOneServiceSlowOutsideItsHandler_BlamesTheCallee()
    {
        List<TraceSpan> spans =
        [
            .. Calls("front", "b", (i, after) => after ? 400 + (i % 3) : Normal(i, after)),
            .. Calls("front", "c", Normal),
            .. Calls("d", "b", (i, after) => after ? 380 + (i % 4) : Normal(i, after)),
            .. Calls("d", "e", Normal),
        ];

        var signals = Run(spans, Onset);

        var gap = Assert.Single(signals, s => s.Payload is TraceFinding { Metric: "call_gap" });
        Assert.Equal("b", gap.Service);
        Assert.Equal(SignalTypes.TraceAnomaly, gap.Type);
        Assert.Equal("traces", gap.Source);
        Assert.Equal(MetricKind.Latency, ((TraceFinding)gap.Payload!).MetricKind);
        Assert.Equal(ChangeDirection.Up, ((TraceFinding)gap.Payload!).Direction);
        Assert.Equal("callee", ((TraceFinding)gap.Payload!).Side);
        Assert.Equal("b", signals[0].Service);
    }

    [Fact]
    public void Extract_OneCallerSlowOnAllItsCalls_BlamesTheCaller()
    {
        List<TraceSpan> spans =
        [
            .. Calls("a", "b", (i, after) => after ? 90 + (i % 3) : Normal(i, after)),
            .. Calls("a", "c", (i, after) => after ? 85 + (i % 3) : Normal(i, after)),
            .. Calls("x", "b", Normal),
            .. Calls("x", "c", Normal),
        ];

        var signals = Run(spans, Onset);

        var gap = Assert.Single(signals, s => s.Payload is TraceFinding { Metric: "call_gap" });
        Assert.Equal("a", gap.Service);
        Assert.Equal("caller", ((TraceFinding)gap.Payload!).Side);
        Assert.Equal(["a->b", "a->c"], ((TraceFinding)gap.Payload!).Edges!);
    }

    [Fact]
    public void Extract_HandlerSlowsDown_ReportsSpanLatencyOnly()
    {
        var spans = Calls("front", "b", Normal, (i, after) => after ? 250 + (i % 7) : 20 + (i % 7));

        var signals = Run(spans, Onset);

        Assert.DoesNotContain(signals, s => s.Payload is TraceFinding { Metric: "call_gap" });
        var latency = Assert.Single(signals, s => s.Service == "b");
        Assert.Equal("span_latency", ((TraceFinding)latency.Payload!).Metric);
        Assert.Equal(MetricKind.Latency, ((TraceFinding)latency.Payload!).MetricKind);
        Assert.Equal(ChangeDirection.Up, ((TraceFinding)latency.Payload!).Direction);
        Assert.Equal(Onset.AddMilliseconds(1), latency.Timestamp);
        Assert.Equal(Severity.High, latency.Severity);
    }

    [Fact]
    public void Extract_OneSlowRequest_IsNotAChange()
    {
        var spans = Calls("front", "b", (i, after) => after && i == 7 ? 5000 : Normal(i, after));

        Assert.Empty(Run(spans, Onset));
    }

    [Fact]
    public void Extract_SpansFailAfterOnset_ReportsTheErrorRate()
    {
        var spans = Calls("front", "b", Normal, error: (i, after) => after && i % 2 == 0);

        var errors = Assert.Single(Run(spans, Onset), s => s.Payload is TraceFinding { MetricKind: MetricKind.Errors });

        Assert.Equal("b", errors.Service);
        Assert.Equal("span_error_rate", ((TraceFinding)errors.Payload!).Metric);
        Assert.Equal(0.5, ((TraceFinding)errors.Payload!).Current);
    }

    [Fact]
    public void Extract_WithoutOnset_FindsTheChangePointItself()
    {
        var spans = Calls("front", "b", (i, after) => after ? 400 + (i % 3) : Normal(i, after));

        var gap = Assert.Single(Run(spans, null), s => s.Payload is TraceFinding { Metric: "call_gap" });

        Assert.Equal("b", gap.Service);
        Assert.False(((TraceFinding)gap.Payload!).OnsetKnown);
    }

    [Fact]
    public void Extract_NoSpansWithTimes_AddsNothing()
    {
        TraceSpan[] spans = [new("t", "s1", null, "a", "op", null, 10, false), new("t", "s2", "s1", "b", "op", null, 5, true)];

        Assert.Empty(Run(spans, Onset));
        Assert.Empty(Run([], Onset));
    }

    private static List<Signal> Run(IReadOnlyList<TraceSpan> spans, DateTimeOffset? onset)
    {
        var builder = new SignalBuilder();
        TraceSignalExtractor.Extract(new SreIncident { DeploymentId = "d", Traces = spans }, onset, builder);
        return [.. builder.Signals];
    }

    /// <summary>
    /// 60 calls caller -> callee in the ten minutes before <see cref="Onset"/> and 30 in the 2.5 minutes after: a
    /// caller span whose only child is the callee's span. The callee's handler takes <paramref name="handler"/> ms
    /// (default 20-26 ms); the caller waits <paramref name="gap"/> ms more.
    /// </summary>
    private static List<TraceSpan> Calls(string caller, string callee, Func<int, bool, double> gap, Func<int, bool, double>? handler = null, Func<int, bool, bool>? error = null)
    {
        var spans = new List<TraceSpan>();
        foreach (var after in new[] { false, true })
        {
            for (var i = 0; i < (after ? 30 : 60); i++)
            {
                var start = after ? Onset.AddSeconds(i * 5) : Onset.AddSeconds(-600 + (i * 10));
                var own = handler?.Invoke(i, after) ?? 20 + (i % 7);
                var trace = $"{caller}-{callee}-{(after ? "a" : "b")}{i}";
                spans.Add(new TraceSpan(trace, "p", null, caller, "HTTP POST", start, own + gap(i, after), false));
                spans.Add(new TraceSpan(trace, "c", "p", callee, "/api", start.AddMilliseconds(1), own, error?.Invoke(i, after) ?? false));
            }
        }

        return spans;
    }
}
