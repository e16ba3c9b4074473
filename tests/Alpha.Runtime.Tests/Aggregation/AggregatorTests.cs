using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Tests.Aggregation;

public sealed class AggregatorTests
{
    private static Hypothesis H(string label, double confidence, string agent, string signal = "sig_001", Severity severity = Severity.Medium, string? service = null) =>
        new(label, $"{label} description", confidence, severity, [signal], agent, service);

    [Fact]
    public void Tokens_DifferentWordingsOfSameCause_AreEqual()
    {
        Assert.Equal(LabelNormalizer.Key("DB connection pool exhausted"), LabelNormalizer.Key("database connection-pool exhaustion"));
    }

    [Fact]
    public void Tokens_DifferentCauses_Differ()
    {
        Assert.NotEqual(LabelNormalizer.Key("memory leak in orders"), LabelNormalizer.Key("CPU saturation in orders"));
    }

    [Fact]
    public void Aggregate_LabelContainedInAnotherServicesLabel_StaysApart()
    {
        var aggregator = new Aggregator();

        var result = aggregator.Aggregate(
        [
            new Hypothesis("packet loss in order", "d", 0.6, Severity.Medium, ["sig_001"], "logs", "order", "packet-loss"),
            new Hypothesis("packet loss in order other", "d", 0.7, Severity.Medium, ["sig_002"], "metrics", "order-other", "packet-loss"),
        ]);

        Assert.Equal(2, result.GroupCount);
        Assert.Equal("order-other", result.Ranked[0].Service);
        Assert.Equal("order", result.Ranked[1].Service);
        Assert.Equal(0.6, result.Ranked[1].Score, 9);
    }

    [Fact]
    public void Aggregate_SameSubjectAndFamilyInOtherWords_GroupWithBonus()
    {
        var aggregator = new Aggregator();

        var result = aggregator.Aggregate(
        [
            new Hypothesis("CPU saturation in search", "d", 0.8, Severity.High, ["sig_001"], "metrics", "search", "cpu"),
            new Hypothesis("search pegged its processors", "d", 0.7, Severity.High, ["sig_002"], "commits", "search", "cpu"),
        ]);

        var top = Assert.Single(result.Ranked);
        Assert.Equal(["commits", "metrics"], top.ContributingAgents);
        Assert.Equal(0.9, top.Score, 9);
    }

    [Fact]
    public void Aggregate_SimilarLabels_GroupWithBonusAndMerge()
    {
        var aggregator = new Aggregator();

        var result = aggregator.Aggregate(
        [
            H("DB connection pool exhausted", 0.7, "logs", "sig_001", Severity.Medium),
            H("database connection-pool exhaustion", 0.8, "metrics", "sig_002", Severity.High, "orders"),
            H("Memory leak", 0.75, "logs", "sig_003"),
        ]);

        Assert.Equal(2, result.GroupCount);
        var top = result.Ranked[0];
        Assert.Equal("database connection-pool exhaustion", top.Label);
        Assert.Equal(0.8, top.Confidence, 9);
        Assert.Equal(0.9, top.Score, 9);
        Assert.Equal(["logs", "metrics"], top.ContributingAgents);
        Assert.Equal(["sig_001", "sig_002"], top.SupportingSignals);
        Assert.Equal(Severity.High, top.Severity);
        Assert.Equal("orders", top.Service);
        Assert.Equal(2, top.MergedLabels.Count);
    }

    [Fact]
    public void Aggregate_CaseInsensitiveSubstring_Groups()
    {
        var result = new Aggregator().Aggregate([H("Connection Pool Exhausted", 0.6, "a"), H("orders db connection pool exhausted", 0.5, "b")]);

        var only = Assert.Single(result.Ranked);
        Assert.Equal(0.7, only.Score, 9);
    }

    [Fact]
    public void Aggregate_SingleTokenLabel_DoesNotSwallowLargerGroups()
    {
        var result = new Aggregator().Aggregate([H("database", 0.6, "a"), H("database connection pool exhausted", 0.5, "b")]);

        Assert.Equal(2, result.Ranked.Count);
    }

    [Fact]
    public void Aggregate_SameAgentTwice_EarnsNoBonus()
    {
        var result = new Aggregator().Aggregate([H("disk full", 0.6, "logs"), H("Disk full!", 0.5, "logs")]);

        var only = Assert.Single(result.Ranked);
        Assert.Equal(0.6, only.Score, 9);
        Assert.Equal(["logs"], only.ContributingAgents);
    }

    [Fact]
    public void Aggregate_ThreeAgents_AddsBonusPerAdditionalAgent()
    {
        var result = new Aggregator().Aggregate([H("disk full", 0.6, "a"), H("disk full", 0.5, "b"), H("disk full", 0.9, "c")]);

        Assert.Equal(1.1, Assert.Single(result.Ranked).Score, 9);
    }

    [Fact]
    public void Aggregate_MoreThanTopK_ReturnsTopKSortedByScore()
    {
        var hypotheses = Enumerable.Range(0, 9).Select(i => H($"cause {i}", i / 10.0, "a")).ToArray();

        var result = new Aggregator(new AggregatorOptions { TopK = 3 }).Aggregate(hypotheses);

        Assert.Equal(9, result.GroupCount);
        Assert.Equal(["cause 8", "cause 7", "cause 6"], result.Ranked.Select(r => r.Label));
    }

    [Fact]
    public void Aggregate_DefaultTopK_IsFive()
    {
        var result = new Aggregator().Aggregate(Enumerable.Range(0, 8).Select(i => H($"cause {i}", 0.5, "a")).ToArray());

        Assert.Equal(5, result.Ranked.Count);
    }

    [Fact]
    public void Aggregate_TiedScores_BreakByAgentsThenConfidenceThenLabel()
    {
        var result = new Aggregator().Aggregate(
        [
            H("zeta outage", 0.8, "a"),
            H("alpha outage", 0.8, "a"),
            H("gamma fault", 0.7, "a"), H("gamma fault", 0.2, "b"),
        ]);

        // gamma: 0.7 + 0.1 = 0.8 with two agents beats single-agent 0.8s; then label order.
        Assert.Equal(["gamma fault", "alpha outage", "zeta outage"], result.Ranked.Select(r => r.Label));
    }

    [Fact]
    public void Aggregate_InputOrderDoesNotChangeRanking()
    {
        Hypothesis[] hypotheses = [H("a cause", 0.5, "x"), H("b cause", 0.5, "y"), H("c cause", 0.5, "z"), H("A cause", 0.4, "y")];

        var forward = new Aggregator().Aggregate(hypotheses).Ranked.Select(r => (r.Label, r.Score));
        var backward = new Aggregator().Aggregate([.. hypotheses.Reverse()]).Ranked.Select(r => (r.Label, r.Score));

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Aggregate_Empty_ReturnsEmpty()
    {
        var result = new Aggregator().Aggregate([]);

        Assert.Empty(result.Ranked);
        Assert.Equal(0, result.GroupCount);
    }

    [Fact]
    public void Options_InvalidTopK_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Aggregator(new AggregatorOptions { TopK = 0 }));
    }

    [Fact]
    public void HumanReview_Thresholds_Apply()
    {
        var policy = new HumanReviewPolicy();
        RankedHypothesis R(double score) => new("l" + score, "d", null, null, score, score, Severity.High, ["s"], ["a"], ["l"]);

        Assert.NotEmpty(policy.Evaluate([]));
        Assert.Contains("below", Assert.Single(policy.Evaluate([R(0.4)])), StringComparison.Ordinal);
        Assert.Contains("within", Assert.Single(policy.Evaluate([R(0.8), R(0.78)])), StringComparison.Ordinal);
        Assert.Empty(policy.Evaluate([R(0.8), R(0.6)]));
    }
}
