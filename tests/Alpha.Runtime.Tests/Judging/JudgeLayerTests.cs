using Alpha.Runtime.Judging;
using Alpha.Runtime.Schemas;
using Alpha.Testing;

namespace Alpha.Runtime.Tests.Judging;

public sealed class JudgeLayerTests
{
    private static readonly HashSet<string> Known = ["sig_001", "sig_002"];

    private static JudgeVerdict JudgeOne(string agent, HypothesisClaim claim) =>
        Assert.Single(JudgeLayer.Judge([new AgentResult(agent, [claim])], Known).Verdicts);

    [Fact]
    public void Judge_ValidClaim_IsAccepted()
    {
        var report = JudgeLayer.Judge([new AgentResult("logs", [Claims.Valid("pool exhausted", 0.7, "sig_001", "sig_002")])], Known);

        var hypothesis = Assert.Single(report.Accepted);
        Assert.Equal("logs", hypothesis.ContributingAgent);
        Assert.True(Assert.Single(report.Verdicts).Accepted);
    }

    [Fact]
    public void Judge_EmptyAgentName_IsRejected()
    {
        var verdict = JudgeOne("", Claims.Valid("x"));

        Assert.False(verdict.Accepted);
        Assert.Equal([JudgeRule.AgentNameRequired], verdict.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void Judge_NoEvidence_IsRejected()
    {
        var verdict = JudgeOne("logs", Claims.Valid("x") with { SupportingSignals = [] });

        Assert.Equal([JudgeRule.EvidenceRequired], verdict.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void Judge_UnknownSignal_IsRejectedNamingIt()
    {
        var verdict = JudgeOne("logs", Claims.Valid("x", 0.5, "sig_001", "sig_404"));

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal(JudgeRule.EvidenceExists, violation.Rule);
        Assert.Contains("sig_404", violation.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.PositiveInfinity)]
    public void Judge_ConfidenceOutOfRange_IsRejected(double confidence)
    {
        var verdict = JudgeOne("logs", Claims.Valid("x", confidence));

        Assert.Equal([JudgeRule.ConfidenceInRange], verdict.Violations.Select(v => v.Rule));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Judge_ConfidenceOnBounds_IsAccepted(double confidence)
    {
        Assert.True(JudgeOne("logs", Claims.Valid("x", confidence)).Accepted);
    }

    [Fact]
    public void Judge_AllChecksBroken_ReportsEveryViolation()
    {
        var claim = new HypothesisClaim("x", "d", 2, "high", ["sig_404"]);

        var verdict = JudgeOne("", claim);

        Assert.Equal(
            [JudgeRule.AgentNameRequired, JudgeRule.EvidenceExists, JudgeRule.ConfidenceInRange],
            verdict.Violations.Select(v => v.Rule));
        Assert.Contains("agent_name is empty", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MalformedSeverityAndLabel_AreRejected()
    {
        var verdict = JudgeOne("logs", new HypothesisClaim(" ", "d", 0.5, "extreme", ["sig_001"]));

        Assert.Equal([JudgeRule.WellFormed, JudgeRule.WellFormed], verdict.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void Judge_PartlyValidResult_KeepsValidClaims()
    {
        var result = new AgentResult("logs", [Claims.Valid("good"), Claims.Valid("bad", 3), Claims.Valid("also good", 0.4, "sig_002")]);

        var report = JudgeLayer.Judge([result], Known);

        Assert.Equal(["good", "also good"], report.Accepted.Select(h => h.Label));
        Assert.Equal([true, false, true], report.Verdicts.Select(v => v.Accepted));
        Assert.Equal(1, report.Verdicts[1].Index);
    }

    [Fact]
    public void Judge_SameInput_SameVerdicts()
    {
        AgentResult[] results =
        [
            new AgentResult("a", [Claims.Valid("one"), Claims.Valid("two", 9)]),
            new AgentResult("", [Claims.Valid("three", 0.2, "sig_x")]),
        ];

        var first = JudgeLayer.Judge(results, Known);
        var second = JudgeLayer.Judge(results, Known);

        Assert.Equal(first.Verdicts.Select(v => (v.Agent, v.Index, v.Accepted, v.Reason)), second.Verdicts.Select(v => (v.Agent, v.Index, v.Accepted, v.Reason)));
    }
}
