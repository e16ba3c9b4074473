using Alpha.Sre.Evaluation.LogParsing;

namespace Alpha.Sre.Evaluation.Tests.LogParsing;

public sealed class LogParsingMetricsTests
{
    [Fact]
    public void Score_HandComputedExample_MatchesLoghubDefinitions()
    {
        // Truth groups: A = {0, 1}, B = {2, 3}, C = {4}. Predicted groups: "a <*>" = {0, 1}, "b x" = {2}, "c" = {3, 4}.
        // GA: only A is predicted exactly (2 of 5 lines). PA: lines 0, 1 and 4 carry the true string (3 of 5).
        // FGA: 1 correct group of 3 predicted and 3 true. FTA: only "a <*>" holds one true template equal to it.
        string[] truth = ["a <*>", "a <*>", "b <*>", "b <*>", "c"];
        string[] predicted = ["a <*>", "a <*>", "b x", "c", "c"];

        var scores = LogParsingMetrics.Score(truth, predicted);

        Assert.Equal(0.4, scores.GroupingAccuracy, 10);
        Assert.Equal(0.6, scores.ParsingAccuracy, 10);
        Assert.Equal(1.0 / 3, scores.GroupingF1, 10);
        Assert.Equal(1.0 / 3, scores.TemplateF1, 10);
        Assert.Equal(3, scores.PredictedTemplates);
        Assert.Equal(3, scores.TruthTemplates);
    }

    [Fact]
    public void Score_SplitGroupWithRightText_CountsForTemplatesNotGroups()
    {
        // One true group split in two: GA 0, PA 1/2; FTA: "T" is correct (precision 1/2, recall 1/1) = 2/3.
        var scores = LogParsingMetrics.Score(["T", "T"], ["T", "U"]);

        Assert.Equal(0, scores.GroupingAccuracy);
        Assert.Equal(0.5, scores.ParsingAccuracy);
        Assert.Equal(0, scores.GroupingF1);
        Assert.Equal(2.0 / 3, scores.TemplateF1, 10);
    }

    [Fact]
    public void Score_MergedGroups_FailEveryLineOfBoth()
    {
        var scores = LogParsingMetrics.Score(["x <*>", "x <*>", "y"], ["<*>", "<*>", "<*>"]);

        Assert.Equal(0, scores.GroupingAccuracy);
        Assert.Equal(0, scores.ParsingAccuracy);
    }

    [Fact]
    public void Score_PerfectParse_IsOneEverywhere()
    {
        string[] truth = ["a <*>", "b", "a <*>"];

        var scores = LogParsingMetrics.Score(truth, truth);

        Assert.Equal(new ParsingScores(1, 1, 1, 1, 2, 2), scores);
    }

    [Fact]
    public void Score_WhitespaceRuns_AreCollapsedButVariableRunsAreNot()
    {
        var spaced = LogParsingMetrics.Score(["open <*> now"], [" open  <*>\tnow "]);
        var doubled = LogParsingMetrics.Score(["open <*> now"], ["open <*> <*> now"]);

        Assert.Equal(1, spaced.ParsingAccuracy);
        Assert.Equal(0, doubled.ParsingAccuracy);
        Assert.Equal(1, doubled.GroupingAccuracy);
    }

    [Fact]
    public void Score_LinesWithoutTruth_AreLeftOut()
    {
        var scores = LogParsingMetrics.Score(["a", "", "a"], ["a", "zzz", "a"]);

        Assert.Equal(1, scores.GroupingAccuracy);
        Assert.Equal(1, scores.ParsingAccuracy);
        Assert.Equal(1, scores.PredictedTemplates);
    }

    [Fact]
    public void Score_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => LogParsingMetrics.Score(["a"], ["a", "b"]));
    }
}
