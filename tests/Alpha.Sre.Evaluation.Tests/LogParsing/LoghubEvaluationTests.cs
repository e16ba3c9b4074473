using Alpha.Sre.Evaluation.LogParsing;
using Alpha.Testing;

namespace Alpha.Sre.Evaluation.Tests.LogParsing;

public sealed class LoghubEvaluationTests
{
    [Fact]
    public async Task RunAsync_Loghub2k_ReachesTheAccuracyGoals()
    {
        var report = await LogParsingEvaluation.RunAsync(SharedData.Path("loghub-2k"), new LogParsingEvaluationOptions { TimedPasses = 0 });

        Assert.Equal(["Apache", "BGL", "HDFS", "HPC", "Hadoop", "Linux", "OpenSSH"], report.Systems.Select(s => s.System).Order(StringComparer.Ordinal));
        Assert.All(report.Systems, s => Assert.Equal(2000, s.Lines));
        Assert.True(report.Average.GroupingAccuracy >= 0.90, $"average GA {report.Average.GroupingAccuracy:F3}");
        Assert.True(report.Average.ParsingAccuracy >= 0.80, $"average PA {report.Average.ParsingAccuracy:F3}");
    }

    [Fact]
    public async Task RunAsync_NineSystemsRawLines_LearnedHeaderRecoversTheContent()
    {
        var report = await LogParsingEvaluation.RunAsync(
            [SharedData.Path("loghub-2k"), SharedData.Path("loghub-v1-2k")], new LogParsingEvaluationOptions { TimedPasses = 0 });

        Assert.Equal(9, report.Systems.Count);
        Assert.NotNull(report.RawLines);
        Assert.Equal(9, report.RawLines.Systems.Count);
        Assert.All(report.RawLines.Systems, s => Assert.False(string.IsNullOrEmpty(s.Header)));
        Assert.True(report.RawLines.Average.MessageMatchRate >= 0.95, $"message match {report.RawLines.Average.MessageMatchRate:F3}");
        Assert.True(report.RawLines.Average.GroupingAccuracy >= 0.85, $"raw GA {report.RawLines.Average.GroupingAccuracy:F3}");
    }

    [Fact]
    public async Task LeaveOneSystemOut_NineSystems_ReachesTheGoalsOnHeldOutSystems()
    {
        var report = await LeaveOneSystemOut.RunAsync([SharedData.Path("loghub-2k"), SharedData.Path("loghub-v1-2k")]);

        Assert.Equal(9, report.Systems.Count);
        Assert.All(report.Systems, s => Assert.False(string.IsNullOrEmpty(s.Chosen)));
        Assert.True(report.Content.GroupingAccuracy.Mean >= 0.90, $"LOSO GA {report.Content.GroupingAccuracy.Mean:F3}");
        Assert.True(report.Content.ParsingAccuracy.Mean >= 0.80, $"LOSO PA {report.Content.ParsingAccuracy.Mean:F3}");
        Assert.NotNull(report.Raw);
        Assert.True(report.Raw.GroupingAccuracy.Mean >= 0.85, $"LOSO raw GA {report.Raw.GroupingAccuracy.Mean:F3}");
        Assert.InRange(report.Content.GroupingAccuracy.Min, 0, report.Content.GroupingAccuracy.Mean);
    }
}
