using Alpha.Runtime;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Logs;

namespace Alpha.Sre.Tests.Signals;

public sealed class StatementSequenceTests
{
    private static IReadOnlyList<Signal> Extract(string yaml) =>
        SreSignalExtractor.Extract(IncidentDocument.Read(yaml, "t.yaml"));

    /// <summary>Requests of one service: before the onset each writes #451 then #457; after it, <paramref name="keptAfter"/> of them still write #457.</summary>
    private static string Incident(int requests, int keptAfter, bool withTraceIds = true, string followerLevel = "INFO", string follower = "route found", bool traceField = false)
    {
        var lines = new List<string>();
        for (var i = 0; i < 2 * requests; i++)
        {
            var after = i >= requests;
            var time = $"2026-01-01T00:{(after ? 10 : 0) + ((i % requests) * 9 / requests):00}:{i % 60:00}Z";
            var trace = withTraceIds && !traceField ? $"TraceID: {i:x32} " : "";
            var field = withTraceIds && traceField ? $", trace_id: \"{i:x32}\"" : "";
            lines.Add($"  - {{timestamp: \"{time}\", service: travel, level: INFO, message: \"t.s.TravelServiceImpl#451 {trace}[query] route {i}\"{field}}}");
            if (!after || i - requests < keptAfter)
            {
                lines.Add($"  - {{timestamp: \"{time}\", service: travel, level: {followerLevel}, message: \"t.s.TravelServiceImpl#457 {trace}[query] {follower} {i}\"{field}}}");
            }
        }

        return "deployment_id: d\ndetected_at: \"2026-01-01T00:10:00Z\"\nlogs:\n" + string.Join('\n', lines);
    }

    [Fact]
    public void Logs_StatementStopsFollowingItsPredecessor_IsABrokenSequenceWithTheCounts()
    {
        var signals = Extract(Incident(requests: 12, keptAfter: 0));

        var signal = Assert.Single(signals, s => s.Type == SignalTypes.LogSequenceBroken);
        var gap = Assert.IsType<LogSequenceBreak>(signal.Payload);
        Assert.Equal("travel", signal.Service);
        Assert.Equal("t.s.TravelServiceImpl#457", gap.Statement);
        Assert.Equal("t.s.TravelServiceImpl#451", gap.Predecessor);
        Assert.Equal((12, 12, 12, 0), (gap.RequestsBefore, gap.FollowedBefore, gap.RequestsAfter, gap.FollowedAfter));
        Assert.True(gap.Surprise >= LogSignalExtractor.MinSurprise, $"surprise {gap.Surprise}");
        Assert.Equal(gap.Surprise, signal.Value);
    }

    [Fact]
    public void Logs_TraceIdInTheRecordNotTheText_SameBrokenSequence()
    {
        var fromText = Assert.Single(Extract(Incident(requests: 12, keptAfter: 0)), s => s.Type == SignalTypes.LogSequenceBroken);

        var fromField = Assert.Single(Extract(Incident(requests: 12, keptAfter: 0, traceField: true)), s => s.Type == SignalTypes.LogSequenceBroken);

        LogSequenceBreak a = Assert.IsType<LogSequenceBreak>(fromText.Payload), b = Assert.IsType<LogSequenceBreak>(fromField.Payload);
        Assert.Equal((a.Statement, a.RequestsBefore, a.FollowedBefore, a.RequestsAfter, a.FollowedAfter, a.Surprise), (b.Statement, b.RequestsBefore, b.FollowedBefore, b.RequestsAfter, b.FollowedAfter, b.Surprise));
    }

    [Fact]
    public void Logs_ErrorStatementStopsFollowingItsPredecessor_IsNoBrokenSequence()
    {
        // Before the onset every request failed after #451; after it, none does: a failure that stopped, not a fault.
        var signals = Extract(Incident(requests: 12, keptAfter: 0, followerLevel: "ERROR", follower: "request failed with exception"));

        Assert.DoesNotContain(signals, s => s.Type == SignalTypes.LogSequenceBroken);
    }

    [Theory]
    [InlineData(12, 12, true)]
    [InlineData(12, 11, true)]
    [InlineData(12, 0, false)]
    public void Logs_SequenceKeptOrNoRequestIds_NoBrokenSequence(int requests, int keptAfter, bool withTraceIds)
    {
        var signals = Extract(Incident(requests, keptAfter, withTraceIds));

        Assert.DoesNotContain(signals, s => s.Type == SignalTypes.LogSequenceBroken);
    }

    [Fact]
    public void Logs_TooFewRequestsBeforeTheOnset_NoBrokenSequence()
    {
        var signals = Extract(Incident(requests: StatementSequences.MinRequests - 1, keptAfter: 0));

        Assert.DoesNotContain(signals, s => s.Type == SignalTypes.LogSequenceBroken);
    }

    [Fact]
    public void Surprise_MoreEvidenceOnEitherSide_IsMoreSurprising()
    {
        var fewBefore = StatementSequences.Surprise(0, 10, 5.5, 0.5);
        var manyBefore = StatementSequences.Surprise(0, 10, 50.5, 0.5);
        var manyAfter = StatementSequences.Surprise(0, 40, 50.5, 0.5);
        var someKept = StatementSequences.Surprise(5, 10, 50.5, 0.5);

        Assert.True(fewBefore < manyBefore, $"{fewBefore} < {manyBefore}");
        Assert.True(manyBefore < manyAfter, $"{manyBefore} < {manyAfter}");
        Assert.True(someKept < manyBefore, $"{someKept} < {manyBefore}");
        Assert.Equal(0, StatementSequences.Surprise(10, 10, 50.5, 0.5));
    }

    [Theory]
    [InlineData(0.0013499, 3.0)]
    [InlineData(0.0227501, 2.0)]
    [InlineData(0.1586553, 1.0)]
    [InlineData(0.5, 0.0)]
    public void UpperZ_KnownTails_MatchTheNormalQuantile(double tail, double z)
    {
        Assert.Equal(z, StatementSequences.UpperZ(tail), 2);
    }

    [Theory]
    [InlineData("t.s.TravelServiceImpl#451 TraceID: 6bd64f60aa8c4d2f9e1b7c3d5a2e4f60 SpanID: 1 [query]", "6bd64f60aa8c4d2f9e1b7c3d5a2e4f60")]
    [InlineData("GET /cart 200 trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7", "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("{\"msg\":\"charged\",\"traceId\":\"0af7651916cd43dd8448eb211c80319c\"}", "0af7651916cd43dd8448eb211c80319c")]
    [InlineData("request 123e4567-e89b-12d3-a456-426614174000 trace-id: 123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("the trace of id 42 was lost", null)]
    [InlineData("TraceID: 42", null)]
    public void TraceId_CommonShapes_AreFound(string message, string? expected)
    {
        Assert.Equal(expected, StatementSequences.TraceId(message));
    }

    [Fact]
    public async Task LogAgent_BrokenSequence_IsFullStrengthCodeExceptionEvidence()
    {
        var yaml = Incident(requests: 12, keptAfter: 0);
        var gap = Assert.Single(Extract(yaml), s => s.Type == SignalTypes.LogSequenceBroken);
        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        runtime.Register(new LogAgent());

        var result = await runtime.ExecuteAsync(IncidentDocument.Parse(yaml, "t.yaml"));

        Assert.Equal(gap.Value, LogAgent.Evidence(gap));
        var top = result.RankedHypotheses[0];
        Assert.Equal("travel", top.Service);
        Assert.Equal(FaultTypes.CodeException, top.FaultType);
        Assert.Contains(gap.Id, top.SupportingSignals);
    }

    /// <summary>Before the onset, <c>basic</c> answers 10 requests with #10; after it, 4 requests also loop over a new statement #20, three lines each.</summary>
    private static string LoopIncident(bool withTraceIds)
    {
        var lines = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var after = i >= 10;
            var time = $"2026-01-01T00:{(after ? 10 : 0) + (i % 10):00}:{i % 60:00}Z";
            var trace = withTraceIds ? $"TraceID: {i:x32} " : "";
            lines.Add($"  - {{timestamp: \"{time}\", service: basic, level: INFO, message: \"c.BasicImpl#10 {trace}[query] {i}\"}}");
            for (var loop = 0; after && i < 14 && loop < 3; loop++)
            {
                lines.Add($"  - {{timestamp: \"{time}\", service: basic, level: INFO, message: \"c.BasicImpl#20 {trace}[query] item {loop}\"}}");
            }
        }

        return "deployment_id: d\ndetected_at: \"2026-01-01T00:10:00Z\"\nlogs:\n" + string.Join('\n', lines);
    }

    [Theory]
    [InlineData(true, 4.0)]
    [InlineData(false, 12.0)]
    public void Logs_StatementWrittenInALoop_CountsRequestsWhenLinesNameThem(bool withTraceIds, double surprise)
    {
        var signal = Assert.Single(Extract(LoopIncident(withTraceIds)), s => s.Type == SignalTypes.LogTemplateNew);

        Assert.Equal(surprise, Assert.IsType<LogTemplateBurst>(signal.Payload).Surprise);
    }

    [Fact]
    public async Task LogAgent_OnlyStatementsThatAppeared_IsDiscountedAsAChangeOfWorkload()
    {
        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        runtime.Register(new LogAgent());

        var result = await runtime.ExecuteAsync(IncidentDocument.Parse(LoopIncident(withTraceIds: false), "t.yaml"));

        var claim = Assert.Single(result.RankedHypotheses);
        Assert.Contains("change of workload", claim.Description, StringComparison.Ordinal);
        Assert.Equal(Math.Round(SignalFacts.ConfidenceFromStrength(12.0 / 3) * MetricsAgent.PropagationDiscount, 4), claim.Confidence, 3);
    }
}
