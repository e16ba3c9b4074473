using Alpha.Sre.Evaluation.LogParsing;

namespace Alpha.Sre.Tests.Logs;

public sealed class LoghubLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "alpha-loghub-" + Guid.NewGuid().ToString("N"));

    public LoghubLoaderTests()
    {
        var dir = Path.Combine(_root, "Demo");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Demo_2k.log_structured_corrected.csv"),
            "LineId,Time,Content,EventId,EventTemplate\n" +
            "1,\"18:01:47,978\",\"Kind: X, Service: , Ident: 7\",E1,\"Kind: X, Service: , Ident: <*>\"\n" +
            "2,18:01:48,started,E2,started\n");
        File.WriteAllText(Path.Combine(dir, "Demo_2k.log"), "18:01:47,978 Kind: X, Service: , Ident: 7\n18:01:48 started\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task LoadAsync_StructuredAndRawFiles_PairsLinesWithTheirTruth()
    {
        var file = Assert.Single(LoghubLoader.FindStructuredFiles(_root));

        var set = await LoghubLoader.LoadAsync(file);

        Assert.Equal("Demo", set.System);
        Assert.True(set.HasRawLines);
        Assert.Equal(2, set.Lines.Count);
        Assert.Equal(new LabeledLogLine(1, "Kind: X, Service: , Ident: 7", "E1", "Kind: X, Service: , Ident: <*>", "18:01:47,978 Kind: X, Service: , Ident: 7"), set.Lines[0]);
    }

    [Fact]
    public async Task LoadAsync_RowWithWrongFieldCount_ThrowsNamingTheRecord()
    {
        var bad = Path.Combine(_root, "Bad_2k.log_structured_corrected.csv");
        await File.WriteAllTextAsync(bad, "LineId,Content,EventId,EventTemplate\n1,a,b\n");

        var error = await Assert.ThrowsAsync<FormatException>(() => LoghubLoader.LoadAsync(bad));

        Assert.Contains("record 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindStructuredFiles_MissingFolder_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => LoghubLoader.FindStructuredFiles(Path.Combine(_root, "nope")));
    }

    [Fact]
    public async Task RunAsync_SmallFolder_ScoresEverySystem()
    {
        var report = await LogParsingEvaluation.RunAsync(_root, new LogParsingEvaluationOptions { TimedPasses = 1 });

        var demo = Assert.Single(report.Systems);
        Assert.Equal("Demo", demo.System);
        Assert.Equal(1, demo.GroupingAccuracy);
        Assert.Equal(1, demo.ParsingAccuracy);
        Assert.NotNull(report.RawLines);
        Assert.True(report.LinesPerSecond > 0);
    }
}
