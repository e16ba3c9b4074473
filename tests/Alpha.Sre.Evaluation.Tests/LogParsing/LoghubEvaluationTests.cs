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
        Assert.True(report.Average.ParsingAccuracy >= 0.60, $"average PA {report.Average.ParsingAccuracy:F3}");
    }

    [Fact]
    public async Task RunAsync_Loghub2kRawLines_HeaderSplitterRecoversTheContent()
    {
        var report = await LogParsingEvaluation.RunAsync(SharedData.Path("loghub-2k"), new LogParsingEvaluationOptions { TimedPasses = 0 });

        Assert.NotNull(report.RawLines);
        Assert.Equal(7, report.RawLines.Systems.Count);
        Assert.True(report.RawLines.Average.MessageMatchRate >= 0.95, $"message match {report.RawLines.Average.MessageMatchRate:F3}");
        Assert.True(report.RawLines.Average.GroupingAccuracy >= 0.90, $"raw GA {report.RawLines.Average.GroupingAccuracy:F3}");
    }
}
