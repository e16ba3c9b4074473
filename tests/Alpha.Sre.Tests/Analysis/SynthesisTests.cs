using Alpha.Runtime.Judging;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Analysis;
using Alpha.Sre.Signals.Evidence;
using Alpha.Testing.Loopback;
using Alpha.Runtime.Llm;

namespace Alpha.Sre.Tests.Analysis;

public sealed class SynthesisTests
{
    private static readonly Signal Commit = new("sig_002", "commit", "commit abc \"cut pool\"", Severity.High, "commits", null, "orders", null,
        new CommitRisk("abc", [], [], [], 1, BeforeOnset: true));

    private static readonly Signal Logs = new("sig_001", "log_new_error_template", "pool exhausted", Severity.High, "logs", 5, "orders");

    private static ExecutionResult Result(bool withHypothesis) => new(
        "exe_1",
        withHypothesis
            ? [new RankedHypothesis("connection pool exhaustion in orders", "pool errors", "orders", "connection-pool", 0.8, 0.9, Severity.High, ["sig_001", "sig_002"], ["commits", "logs"], ["x"]),
               new RankedHypothesis("CPU saturation in api", "cpu", "api", "cpu", 0.4, 0.4, Severity.Low, ["sig_001"], ["metrics"], ["y"])]
            : [],
        [Logs, Commit],
        !withHypothesis,
        withHypothesis ? [] : ["no valid hypothesis remained after judging"],
        [new AgentOutcome("metrics", AgentStatus.TimedOut, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 30000, "did not finish within 30 s", null)],
        [new JudgeVerdict("logs", 0, "bogus", false, [new JudgeViolation(JudgeRule.EvidenceExists, "cited signal 'sig_9' does not exist")])],
        DateTimeOffset.UnixEpoch,
        10);

    [Fact]
    public void Deterministic_TopCause_HasChainRuledOutAndSteps()
    {
        var synthesis = SynthesisAgent.Deterministic(Result(true));

        Assert.StartsWith("Most likely cause: connection pool exhaustion in orders", synthesis.Summary, StringComparison.Ordinal);
        Assert.StartsWith("sig_002 [commits]", synthesis.EvidenceChain[0], StringComparison.Ordinal);
        Assert.Contains(synthesis.RuledOut, r => r.StartsWith("CPU saturation in api", StringComparison.Ordinal));
        Assert.Contains(synthesis.RuledOut, r => r.Contains("metrics agent timed out", StringComparison.Ordinal));
        Assert.Contains(synthesis.RuledOut, r => r.Contains("bogus", StringComparison.Ordinal));
        Assert.Contains(synthesis.NextSteps, s => s.Contains("revert commit abc", StringComparison.Ordinal));
    }

    [Fact]
    public void Deterministic_NothingRanked_SaysSo()
    {
        var synthesis = SynthesisAgent.Deterministic(Result(false));

        Assert.StartsWith("No hypothesis is supported", synthesis.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Llm_ValidReply_IsUsed_AndBrokenReplyFallsBack()
    {
        await using var server = await LoopbackOpenAIServer.StartAsync();
        server.Enqueue(
            LoopbackReply.Json(new { summary = "The pool cut broke orders.", evidence_chain = new[] { "a" }, ruled_out = new[] { "b" }, next_steps = new[] { "c" } }),
            LoopbackReply.Text("no json here"));
        var agent = new SynthesisAgent(new OpenAICompatibleChatClient(server.CreateOptions()));

        var good = await agent.SynthesizeAsync(Result(true), CancellationToken.None);
        var fallback = await agent.SynthesizeAsync(Result(true), CancellationToken.None);

        Assert.Equal("llm", good.Mode);
        Assert.Equal("The pool cut broke orders.", good.Summary);
        Assert.Equal("deterministic", fallback.Mode);
        Assert.Contains("used the deterministic template", Assert.Single(fallback.Notes), StringComparison.Ordinal);
    }
}
