using Alpha.Sre.LogMining;

namespace Alpha.Sre.Tests.LogMining;

public sealed class LogLineSplitterTests
{
    [Fact]
    public void Split_SyslogLine_TakesTagAsComponent()
    {
        var parts = LogLineSplitter.Split("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0", assumedYear: 2005);

        Assert.Equal("authentication failure; logname= uid=0", parts.Message);
        Assert.Equal("sshd", parts.Component);
        Assert.Null(parts.Level);
        Assert.Equal(new DateTimeOffset(2005, 6, 14, 15, 16, 1, TimeSpan.Zero), parts.Timestamp);
    }

    [Fact]
    public void Split_SyslogWithoutYear_LeavesTimestampUnread()
    {
        var parts = LogLineSplitter.Split("Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186");

        Assert.Equal("Invalid user webmaster from 173.234.31.186", parts.Message);
        Assert.Null(parts.Timestamp);
    }

    [Fact]
    public void Split_IsoTimestampLevelThreadLogger_CutsThemAll()
    {
        var parts = LogLineSplitter.Split("2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1");

        Assert.Equal("Created MRAppMaster for application appattempt_1", parts.Message);
        Assert.Equal("INFO", parts.Level);
        Assert.Equal("org.apache.hadoop.mapreduce.v2.app.MRAppMaster", parts.Component);
        Assert.Equal(new DateTimeOffset(2015, 10, 18, 18, 1, 47, 978, TimeSpan.Zero), parts.Timestamp);
    }

    [Fact]
    public void Split_ThreadWithSpaces_IsSkippedWhole()
    {
        var parts = LogLineSplitter.Split("2015-10-18 18:01:50,353 INFO [IPC Server listener on 62270] org.apache.hadoop.ipc.Server: IPC Server listener on 62270: starting");

        Assert.Equal("IPC Server listener on 62270: starting", parts.Message);
    }

    [Fact]
    public void Split_BracketedAsctimeAndLevel_KeepsBracketsInTheMessage()
    {
        var parts = LogLineSplitter.Split("[Sun Dec 04 04:51:18 2005] [error] [client 81.199.21.119] Directory index forbidden by rule: /var/www/html/");

        Assert.Equal("[client 81.199.21.119] Directory index forbidden by rule: /var/www/html/", parts.Message);
        Assert.Equal("error", parts.Level);
        Assert.Equal(new DateTimeOffset(2005, 12, 4, 4, 51, 18, TimeSpan.Zero), parts.Timestamp);
    }

    [Fact]
    public void Split_CompactDateProcessIdAndLogger_CutsTheHeader()
    {
        var parts = LogLineSplitter.Split("081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating");

        Assert.Equal("PacketResponder 1 for block blk_38865049064139660 terminating", parts.Message);
        Assert.Equal("INFO", parts.Level);
        Assert.Equal("dfs.DataNode$PacketResponder", parts.Component);
        Assert.Equal(new DateTimeOffset(2008, 11, 9, 20, 36, 15, TimeSpan.Zero), parts.Timestamp);
    }

    [Fact]
    public void Split_FieldsBeforeLevel_AreHeader()
    {
        var parts = LogLineSplitter.Split("- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected");

        Assert.Equal("instruction cache parity error corrected", parts.Message);
        Assert.Equal("INFO", parts.Level);
        Assert.Equal("KERNEL", parts.Component);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1117838570), parts.Timestamp);
    }

    [Fact]
    public void Split_RecordIdFieldsAndEpoch_CutsAfterTheFlag()
    {
        var parts = LogLineSplitter.Split("134681 node-246 unix.hw state_change.unavailable 1077804742 1 Component State Change: Component alt0 is unavailable");

        Assert.Equal("Component State Change: Component alt0 is unavailable", parts.Message);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1077804742), parts.Timestamp);
    }

    [Theory]
    [InlineData("Invalid user webmaster from 173.234.31.186")]
    [InlineData("Connection reset by peer ERROR while reading")]
    [InlineData("")]
    public void Split_NoHeader_ReturnsTheLine(string line)
    {
        var parts = LogLineSplitter.Split(line);

        Assert.Equal(line, parts.Message);
        Assert.Null(parts.Timestamp);
        Assert.Null(parts.Level);
        Assert.Null(parts.Component);
    }
}
