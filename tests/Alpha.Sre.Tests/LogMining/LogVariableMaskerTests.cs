using Alpha.Sre.LogMining;

namespace Alpha.Sre.Tests.LogMining;

public sealed class LogVariableMaskerTests
{
    [Theory]
    [InlineData("PacketResponder 1 for block blk_-6952295868487656571 terminating", "PacketResponder <*> for block <*> terminating")]
    [InlineData("Receiving block blk_123 src: /10.251.42.84:57069 dest: /10.251.42.84:50010", "Receiving block <*> src: <*>:<*> dest: <*>:<*>")]
    [InlineData("workerEnv.init() ok /etc/httpd/conf/workers2.properties", "workerEnv.init() ok <*>")]
    [InlineData("Component \\042alt0\\042 is in the unavailable state (HWID=3180)", "Component <*> is in the unavailable state (HWID=<*>)")]
    [InlineData("id 123e4567-e89b-12d3-a456-426614174000 mac 00:1a:2b:3c:4d:5e", "id <*> mac <*>")]
    [InlineData("at 0x1b8e8c80 mask 0xdeadbeef crc 1c4ca4f1", "at <*> mask <*> crc <*>")]
    [InlineData("keyId: -127633188) size 16K heap 126MB", "keyId: <*>) size <*> heap <*>")]
    [InlineData("Security Scaffold v1.0.0 initialized", "Security Scaffold <*> initialized")]
    [InlineData("Block broadcast_12 stored; task_0001 done", "Block <*> stored; <*> done")]
    public void MaskMessage_Values_BecomeWildcards(string message, string expected)
    {
        Assert.Equal(expected, LogVariableMasker.MaskMessage(message));
    }

    [Theory]
    [InlineData("Connecting to ResourceManager at msra-sa-41/10.190.173.170:8030", "Connecting to ResourceManager at <*>/<*>:<*>")]
    [InlineData("Retrying connect to server: msra-sa-41:8030.", "Retrying connect to server: <*>:<*>.")]
    [InlineData("reverse mapping checking getaddrinfo for ns.example.com [173.234.31.186] failed", "reverse mapping checking getaddrinfo for <*> [<*>] failed")]
    [InlineData("node node-246 up", "node node-<*> up")]
    public void MaskMessage_HostShapes_KeepTheirSeparators(string message, string expected)
    {
        Assert.Equal(expected, LogVariableMasker.MaskMessage(message));
    }

    [Theory]
    [InlineData("jk2_init() Found child")]
    [InlineData("Accepted password for alice port ssh2")]
    [InlineData("via interface eth0 on tty2")]
    [InlineData("Fan speeds ( **** <ok> )")]
    [InlineData("PendingReds:x Logging to org.mortbay.log via http://wiki.apache.org/hadoop/NoRouteToHost")]
    public void MaskMessage_WordsAndNames_StayAsWritten(string message)
    {
        Assert.Equal(message, LogVariableMasker.MaskMessage(message));
    }

    [Fact]
    public void MaskMessage_DateTimeWithMonthName_FoldsIntoOneValue()
    {
        var masked = LogVariableMasker.MaskMessage("connection from 1.2.3.4 () at Fri Jun 17 07:07:00 2005");

        Assert.Equal("connection from <*> () at <*>:<*>:<*>", masked);
    }

    [Fact]
    public void MaskMessage_BooleansAndNull_AreValuesButAccountNamesAreWords()
    {
        var masked = LogVariableMasker.MaskMessage("enabled=true user=root owner admin value NULL");

        Assert.Equal("enabled=<*> user=root owner admin value <*>", masked);
    }

    [Fact]
    public void MaskMessage_WhiteSpaceRuns_CollapseToOneSpace()
    {
        Assert.Equal("clusterAddMember (command <*>)", LogVariableMasker.MaskMessage("  clusterAddMember  (command 1902) "));
    }

    [Theory]
    [InlineData("node-17", "node-<*>", TokenShape.Mixed)]
    [InlineData("10.0.0.1:80", "<*>:<*>", TokenShape.Mixed)]
    [InlineData("2.6.5", "<*>", TokenShape.Variable)]
    [InlineData("ssh2", "ssh2", TokenShape.Constant)]
    public void MaskToken_ReportsShape(string token, string expected, TokenShape expectedShape)
    {
        var destination = new char[LogVariableMasker.MaxMaskedLength(token.Length)];

        var written = LogVariableMasker.MaskToken(token, destination, out var shape);

        Assert.Equal(expected, new string(destination, 0, written));
        Assert.Equal(expectedShape, shape);
    }

    [Theory]
    [InlineData("Fri Jun 17 07:07:00 2005 rest", 24)]
    [InlineData("Jun 17 07:07:00 rest", 15)]
    [InlineData("Jun 17 rest", 0)]
    [InlineData("June is warm", 0)]
    public void DateTimeLength_MonthNameDates_AreMeasured(string text, int expected)
    {
        Assert.Equal(expected, LogVariableMasker.DateTimeLength(text));
    }
}
