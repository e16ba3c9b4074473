using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.LogParsing;

namespace Alpha.Sre.Evaluation.Tests.LogParsing;

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
    public async Task LoadAsync_RowWithWrongFieldCount_IsSkippedNamingTheLine()
    {
        var bad = Path.Combine(_root, "Bad_2k.log_structured_corrected.csv");
        await File.WriteAllTextAsync(bad, "LineId,Content,EventId,EventTemplate\n1,a,b\n2,c,E2,c\n");

        var set = await LoghubLoader.LoadAsync(bad);

        Assert.Equal(2, Assert.Single(set.Lines).LineId);
        var skipped = Assert.Single(set.SkippedRows);
        Assert.Equal(bad, skipped.File);
        Assert.Equal(2, skipped.Line);
        Assert.Contains("3 fields where the header has 4", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_MissingColumn_ThrowsNamingIt()
    {
        var bad = Path.Combine(_root, "NoTemplate_2k.log_structured_corrected.csv");
        await File.WriteAllTextAsync(bad, "LineId,Content,EventId\n1,a,b\n");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => LoghubLoader.LoadAsync(bad));

        Assert.Equal("EventTemplate", error.Field);
    }

    [Fact]
    public async Task LoadAsync_UnclosedQuote_SkipsTheRowWithItsLine()
    {
        var bad = Path.Combine(_root, "Quote_2k.log_structured_corrected.csv");
        await File.WriteAllTextAsync(bad, "LineId,Content,EventId,EventTemplate\n1,\"open,E1,x\n");

        var set = await LoghubLoader.LoadAsync(bad);

        Assert.Empty(set.Lines);
        Assert.Equal(2, Assert.Single(set.SkippedRows).Line);
    }

    [Fact]
    public void FindStructuredFiles_MissingFolder_Throws()
    {
        Assert.Throws<InvalidInputException>(() => LoghubLoader.FindStructuredFiles(Path.Combine(_root, "nope")));
    }

    [Fact]
    public async Task RunAsync_FolderWithoutSets_ReturnsAnEmptyReport()
    {
        var empty = Path.Combine(_root, "empty");
        Directory.CreateDirectory(empty);

        var report = await LogParsingEvaluation.RunAsync(empty, new LogParsingEvaluationOptions { TimedPasses = 0 });

        Assert.Empty(report.Systems);
        Assert.Null(report.RawLines);
        Assert.Equal(0, report.Average.GroupingAccuracy);
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
