using Alpha.Sre.LogMining;
using Alpha.Testing;

namespace Alpha.Sre.Tests.LogMining;

public sealed class LogTemplateMinerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Add_SameShapeTwice_JoinsOneTemplate()
    {
        var miner = new LogTemplateMiner();

        var first = miner.Add("PacketResponder 1 for block blk_38865049064139660 terminating", T0);
        var second = miner.Add("PacketResponder 0 for block blk_-6952295868487656571 terminating", T0);

        Assert.True(first.IsNew);
        Assert.False(second.IsNew);
        Assert.Equal(first.TemplateId, second.TemplateId);
        Assert.Equal("PacketResponder <*> for block <*> terminating", second.Template);
        Assert.Equal(1, miner.TemplateCount);
    }

    [Fact]
    public void Add_FreeWordAtOnePosition_GeneralisesOnline()
    {
        var miner = new LogTemplateMiner();

        var first = miner.Add("Invalid user webmaster from 173.234.31.186", T0);
        var second = miner.Add("Invalid user oracle from 10.0.0.9", T0);
        var third = miner.Add("Invalid user test from 10.0.0.7", T0);

        Assert.Equal("Invalid user webmaster from <*>", first.Template);
        Assert.True(first.Changed);
        Assert.Equal("Invalid user <*> from <*>", second.Template);
        Assert.True(second.Changed);
        Assert.False(second.IsNew);
        Assert.False(third.Changed);
        Assert.Equal(first.TemplateId, third.TemplateId);
    }

    [Fact]
    public void Add_StateNamesDifferAtTwoPositions_KeepsSeparateTemplates()
    {
        var miner = new LogTemplateMiner();

        var a = miner.Add("task_0001 Task Transitioned from NEW to SCHEDULED", T0);
        var b = miner.Add("task_0002 Task Transitioned from SCHEDULED to RUNNING", T0);
        var c = miner.Add("task_0003 Task Transitioned from NEW to SCHEDULED", T0);

        Assert.NotEqual(a.TemplateId, b.TemplateId);
        Assert.Equal(a.TemplateId, c.TemplateId);
        Assert.Equal("<*> Task Transitioned from NEW to SCHEDULED", c.Template);
        Assert.Equal("<*> Task Transitioned from SCHEDULED to RUNNING", b.Template);
    }

    [Fact]
    public void Add_NamesWithDigitsDifferOnceWhileYoung_ShareOneTemplate()
    {
        // No class of names is kept apart by a rule of its own: a name with digits is a word like any other.
        var miner = new LogTemplateMiner();

        var a = miner.Add("NIFF: node node-1 detected a connection via interface alt0", T0);
        var b = miner.Add("NIFF: node node-2 detected a connection via interface ee0", T0);

        Assert.Equal(a.TemplateId, b.TemplateId);
        Assert.Equal("NIFF: node node-<*> detected a connection via interface <*>", b.Template);
    }

    [Fact]
    public void Add_SettledWordThenOtherWords_MergesIntoTheCoveringTemplate()
    {
        var miner = new LogTemplateMiner();
        var first = 0;
        for (var i = 0; i < 10; i++)
        {
            first = miner.Add($"Failed password for root from 10.0.0.{i} port 22", T0).TemplateId;
        }

        var guest = miner.Add("Failed password for guest from 10.0.0.1 port 22", T0);
        var test = miner.Add("Failed password for test from 10.0.0.2 port 22", T0);

        Assert.Equal(guest.TemplateId, test.TemplateId);
        Assert.Equal("Failed password for <*> from <*> port <*>", test.Template);
        Assert.Equal(test.TemplateId, miner.ResolveId(first));
        Assert.Equal(1, miner.TemplateCount);
        Assert.Equal(12, miner.Templates.Single().Count);
    }

    [Fact]
    public void Add_WordRepeatedByManyLines_IsNotTurnedIntoAVariable()
    {
        var miner = new LogTemplateMiner();
        for (var i = 0; i < 10; i++)
        {
            miner.Add($"session closed for user cyrus after {i} seconds", T0);
        }

        var other = miner.Add("session closed for user news after 3 seconds", T0);

        Assert.True(other.IsNew);
        Assert.Equal("session closed for user news after <*> seconds", other.Template);
        Assert.Equal(2, miner.TemplateCount);
    }

    [Fact]
    public void Add_ValuesWithDifferentPunctuation_KeepSharedPunctuation()
    {
        var miner = new LogTemplateMiner();

        miner.Add("authentication failure; rhost=host.example.net user=alice", T0);
        var match = miner.Add("authentication failure; rhost=10.1.2.3 user=alice", T0);

        Assert.Equal("authentication failure; rhost=<*> user=alice", match.Template);
    }

    [Fact]
    public void Add_ThreeProgramsWithTheSameEvent_MergeOnTheirFirstWord()
    {
        var miner = new LogTemplateMiner();

        var chrome = miner.Add("chrome.exe - proxy.example.com:5070 close, 0 bytes sent, 12 bytes received, lifetime 00:01", T0);
        miner.Add("firefox.exe - proxy.example.com:5070 close, 0 bytes sent, 15 bytes received, lifetime 00:02", T0);
        var third = miner.Add("skype.exe - proxy.example.com:5070 close, 3 bytes sent, 1 bytes received, lifetime 00:03", T0);
        var fourth = miner.Add("dropbox.exe - proxy.example.com:5070 close, 3 bytes sent, 1 bytes received, lifetime 00:03", T0);

        Assert.Equal("<*> - <*>:<*> close, <*> bytes sent, <*> bytes received, lifetime <*>:<*>", third.Template);
        Assert.False(fourth.IsNew);
        Assert.Equal(third.TemplateId, fourth.TemplateId);
        Assert.Equal(third.TemplateId, miner.ResolveId(chrome.TemplateId));
        Assert.Equal(1, miner.TemplateCount);
        Assert.Equal(4, miner.GetTemplate(chrome.TemplateId)!.Count);
    }

    [Fact]
    public void Add_TwoFirstWordsOnly_StaySeparate()
    {
        var miner = new LogTemplateMiner();

        var cupsd = miner.Add("cupsd startup succeeded after checking the configuration files", T0);
        var syslogd = miner.Add("syslogd startup succeeded after checking the configuration files", T0);

        Assert.NotEqual(cupsd.TemplateId, syslogd.TemplateId);
    }

    [Fact]
    public void Add_VariableRunsOfDifferentLength_AreReportedAsOneTemplate()
    {
        var miner = new LogTemplateMiner();

        var one = miner.Add("BLOCK* ask 10.250.14.224:50010 to delete blk_1 done", T0);
        var three = miner.Add("BLOCK* ask 10.250.14.38:50010 to delete blk_2 blk_3 blk_4 done", T0);

        Assert.Equal(one.TemplateId, three.TemplateId);
        Assert.Equal("BLOCK* ask <*>:<*> to delete <*> done", three.Template);
        var template = Assert.Single(miner.Templates);
        Assert.Equal(2, template.Count);
    }

    [Fact]
    public void Add_LeadingMergeOff_KeepsOneTemplatePerFirstWord()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { LeadingWordsToMerge = 0 });

        foreach (var program in new[] { "chrome.exe", "firefox.exe", "skype.exe" })
        {
            miner.Add($"{program} - proxy.example.com:5070 close, 0 bytes sent, 12 bytes received", T0);
        }

        Assert.Equal(3, miner.TemplateCount);
    }

    [Fact]
    public void Add_VariableLengthGroupingOff_KeepsOneTemplatePerLength()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { GroupVariableLengths = false });

        var one = miner.Add("BLOCK* ask 10.250.14.224:50010 to delete blk_1 done", T0);
        var three = miner.Add("BLOCK* ask 10.250.14.38:50010 to delete blk_2 blk_3 blk_4 done", T0);

        Assert.NotEqual(one.TemplateId, three.TemplateId);
        Assert.Equal("BLOCK* ask <*>:<*> to delete <*> <*> <*> done", three.Template);
    }

    [Fact]
    public void Add_SettledAfterOneLine_NeverGeneralisesWords()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { SettledAfterLines = 1 });

        miner.Add("Invalid user webmaster from 173.234.31.186", T0);
        var other = miner.Add("Invalid user oracle from 10.0.0.9", T0);

        Assert.True(other.IsNew);
        Assert.Equal("Invalid user oracle from <*>", other.Template);
    }

    [Fact]
    public void Match_UnknownAndKnownLines_DoesNotLearn()
    {
        var miner = new LogTemplateMiner();
        var added = miner.Add("Invalid user webmaster from 173.234.31.186", T0);

        var unknown = miner.Match("Completely different words here");
        var known = miner.Match("Invalid user webmaster from 10.0.0.1");
        var other = miner.Match("Invalid user oracle from 10.0.0.1");

        Assert.Null(unknown);
        Assert.Equal(added.TemplateId, known!.Value.TemplateId);
        Assert.Equal(added.TemplateId, other!.Value.TemplateId);
        Assert.Equal("Invalid user webmaster from <*>", other.Value.Template);
        Assert.Equal(1, miner.TemplateCount);
        Assert.Equal(1, miner.Templates[0].Count);
    }

    [Fact]
    public void Add_TimestampsAndLevels_AreCountedPerTemplate()
    {
        var miner = new LogTemplateMiner();

        miner.Add("disk 1 failed", T0.AddMinutes(5), "ERROR");
        miner.Add("disk 2 failed", T0, "ERROR");
        miner.Add("disk 3 failed", T0.AddMinutes(9), "WARN");

        var template = Assert.Single(miner.Templates);
        Assert.Equal(3, template.Count);
        Assert.Equal(T0, template.FirstSeen);
        Assert.Equal(T0.AddMinutes(9), template.LastSeen);
        Assert.Equal(2, template.LevelCounts["ERROR"]);
        Assert.Equal(1, template.LevelCounts["WARN"]);
        Assert.Equal("disk 1 failed", template.Example);
    }

    [Fact]
    public void Add_WithoutTimestamp_UsesTheTimeProvider()
    {
        var clock = new ManualTimeProvider(T0);
        var miner = new LogTemplateMiner(timeProvider: clock);

        miner.Add("service started");
        clock.Advance(TimeSpan.FromMinutes(3));
        miner.Add("service started");

        var template = Assert.Single(miner.Templates);
        Assert.Equal(T0, template.FirstSeen);
        Assert.Equal(T0.AddMinutes(3), template.LastSeen);
    }

    [Fact]
    public void Add_ManyLinesOfFewShapes_KeepsOneTemplatePerShapeAndCapsExamples()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { MaxExampleLength = 16 });

        for (var i = 0; i < 20_000; i++)
        {
            miner.Add($"Received block blk_{i} of size {i * 7} from /10.0.{i % 250}.{i % 7}", T0);
            miner.Add($"Verification succeeded for blk_{i}", T0);
        }

        Assert.Equal(2, miner.TemplateCount);
        Assert.All(miner.Templates, t => Assert.True(t.Example.Length <= 16));
        Assert.Equal(40_000, miner.Templates.Sum(t => t.Count));
    }

    [Fact]
    public void Add_ThousandsOfTemplatesBehindOneRoute_AreAllFoundAgain()
    {
        // Every line has its own words after a shared prefix, so the leaf for the prefix overflows and splits.
        var miner = new LogTemplateMiner();
        var words = Enumerable.Range(0, 3_000).Select(Word).ToArray();
        var ids = words.Select(w => miner.Add($"job report {w} finished {w}x cleanly", T0).TemplateId).ToArray();

        var again = words.Select(w => miner.Match($"job report {w} finished {w}x cleanly")?.TemplateId).ToArray();

        Assert.Equal(3_000, miner.TemplateCount);
        Assert.Equal(ids.Cast<int?>(), again);
    }

    private static string Word(int i) => string.Concat(Enumerable.Range(0, 4).Select(k => (char)('a' + ((i / (int)Math.Pow(26, k)) % 26))));

    [Fact]
    public void Add_MaskingOff_KeepsValuesUntilTheyDiffer()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { MaskVariables = false });

        var first = miner.Add("worker 42 started job 7", T0);
        var second = miner.Add("worker 43 started job 7", T0);

        Assert.Equal("worker 42 started job 7", first.Template);
        Assert.Equal("worker <*> started job 7", second.Template);
    }

    [Fact]
    public void Add_ManyLevels_CountsOverflowAsOther()
    {
        var miner = new LogTemplateMiner(new LogTemplateMinerOptions { MaxLevelsPerTemplate = 2 });

        miner.Add("x happened", T0, "INFO");
        miner.Add("x happened", T0, "WARN");
        miner.Add("x happened", T0, "ERROR");

        var levels = miner.Templates[0].LevelCounts;
        Assert.Equal(["INFO", "WARN", "other"], levels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, levels["other"]);
    }

    [Fact]
    public void GetTemplate_UnknownId_ReturnsNull()
    {
        var miner = new LogTemplateMiner();

        Assert.Null(miner.GetTemplate(99));
        Assert.Equal(99, miner.ResolveId(99));
    }

    [Theory]
    [InlineData(-0.1, 2, 100, 8, 3)]
    [InlineData(1.1, 2, 100, 8, 3)]
    [InlineData(0.5, 0, 100, 8, 3)]
    [InlineData(0.5, 2, 1, 8, 3)]
    [InlineData(0.5, 2, 100, 0, 3)]
    [InlineData(0.5, 2, 100, 8, 1)]
    public void Constructor_InvalidOptions_Throws(double threshold, int depth, int maxChildren, int settledAfter, int leadingWords)
    {
        var options = new LogTemplateMinerOptions
        {
            SimilarityThreshold = threshold,
            Depth = depth,
            MaxChildren = maxChildren,
            SettledAfterLines = settledAfter,
            LeadingWordsToMerge = leadingWords,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => new LogTemplateMiner(options));
    }
}
