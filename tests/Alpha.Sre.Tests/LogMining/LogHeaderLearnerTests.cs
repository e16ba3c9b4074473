using Alpha.Sre.LogMining;

namespace Alpha.Sre.Tests.LogMining;

// Lines in the formats of loghub systems outside the nine used for development (Zookeeper, Spark, HealthApp,
// OpenStack, Thunderbird, Mac), written by hand after loghub's samples: the learner has never seen them.
public sealed class LogHeaderLearnerTests
{
    [Fact]
    public void Learn_ZookeeperStyle_FindsTheMessageAfterTheLoneDash()
    {
        string[] lines =
        [
            "2015-07-29 17:41:44,747 - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200",
            "2015-07-29 19:04:12,394 - INFO  [/10.10.34.11:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.11:45307",
            "2015-07-29 19:04:29,071 - WARN  [SendWorker:188978561024:QuorumCnxManager$SendWorker@679] - Interrupted while waiting for message on queue",
            "2015-07-29 19:21:39,427 - ERROR [CommitProcessor:1:NIOServerCnxn@180] - Unexpected Exception:",
        ];

        var format = LogHeaderLearner.Learn(lines);
        var parts = format.Split(lines[2]);

        Assert.Equal(HeaderEnd.Mark, format.End);
        Assert.Equal("Interrupted while waiting for message on queue", parts.Message);
        Assert.Equal("WARN", parts.Level);
        Assert.Equal(new DateTimeOffset(2015, 7, 29, 19, 4, 29, 71, TimeSpan.Zero), parts.Timestamp);
    }

    [Fact]
    public void Learn_SparkStyle_EndsAtTheLoggerColon()
    {
        string[] lines =
        [
            "17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]",
            "17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi",
            "17/06/09 20:10:41 INFO Remoting: Starting remoting",
            "17/06/09 20:11:12 ERROR executor.CoarseGrainedExecutorBackend: RECEIVED SIGNAL 15: SIGTERM",
        ];

        var format = LogHeaderLearner.Learn(lines);
        var parts = format.Split(lines[3]);

        Assert.Equal(HeaderEnd.Colon, format.End);
        Assert.Equal("RECEIVED SIGNAL 15: SIGTERM", parts.Message);
        Assert.Equal("ERROR", parts.Level);
        Assert.Equal("executor.CoarseGrainedExecutorBackend", parts.Component);
    }

    [Fact]
    public void Learn_BarSeparatedHeader_FindsTheMessage()
    {
        string[] lines =
        [
            "20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579",
            "20171223-22:15:29:615|Step_LSC|30002312|onExtend:1514038530000 14 0 4",
            "20171223-22:15:29:633|Step_StandReportReceiver|30002312|onReceive action: android.intent.action.SCREEN_ON",
            "20171223-22:15:29:635|Step_StandStepCounter|30002312|flush sensor data",
        ];

        var format = LogHeaderLearner.Learn(lines);

        Assert.Equal("flush sensor data", format.Split(lines[3]).Message);
        Assert.Equal("onExtend:1514038530000 14 0 4", format.Split(lines[1]).Message);
    }

    [Fact]
    public void Learn_HeaderWithBracketedRequestGroup_EndsAfterTheGroup()
    {
        string[] lines =
        [
            "nova-api.log.1 2017-05-16 00:00:00.008 25746 INFO nova.osapi_compute.wsgi.server [req-38101a0b 113d3a99 54fdadf6 - - -] 10.11.10.1 \"GET /v2/54fdadf6/servers/detail HTTP/1.1\" status: 200 len: 1893 time: 0.2477829",
            "nova-compute.log.1 2017-05-16 00:00:04.500 2931 INFO nova.compute.manager [req-3ea4052c - - - - -] [instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] VM Started (Lifecycle Event)",
            "nova-compute.log.1 2017-05-16 00:00:05.185 2931 INFO nova.virt.libvirt.imagecache [req-addc1839 - - - - -] image 0673dd71 at (/var/lib/nova/instances/_base/a489c868): checking",
            "nova-compute.log.1 2017-05-16 00:00:06.011 2931 WARNING nova.compute.manager [req-addc1839 - - - - -] [instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] Received unexpected event",
        ];

        var format = LogHeaderLearner.Learn(lines);

        Assert.Equal(HeaderEnd.Bracket, format.End);
        Assert.Equal("image 0673dd71 at (/var/lib/nova/instances/_base/a489c868): checking", format.Split(lines[2]).Message);
        Assert.Equal("WARNING", format.Split(lines[3]).Level);
    }

    [Fact]
    public void Learn_SyslogTagWithASpace_StillEndsAtItsColon()
    {
        string[] lines =
        [
            "Jul  1 09:00:55 calvisitor-10-105-160-95 kernel[0]: IOThunderboltSwitch<0>(0x0)::listenerCallback - Thunderbolt HPD packet",
            "Jul  1 09:01:05 calvisitor-10-105-160-95 com.apple.CDScheduler[43]: Thermal pressure state: 1 Memory pressure state: 0",
            "Jul  1 09:03:11 calvisitor-10-105-160-95 mDNSResponder[91]: mDNS_DeregisterInterface: Frequent transitions for interface awdl0",
            "Jul  1 09:04:33 calvisitor-10-105-160-95 Microsoft Word[14463]: objc[14463]: Class FIFinderSyncExtensionHost is implemented in both",
            "Jul  1 09:05:01 calvisitor-10-105-160-95 kernel[0]: AppleCamIn::systemWakeCall - messageType = 0xE0000340",
        ];

        var format = LogHeaderLearner.Learn(lines);

        Assert.Equal(HeaderEnd.Colon, format.End);
        Assert.Equal("objc[14463]: Class FIFinderSyncExtensionHost is implemented in both", format.Split(lines[3]).Message);
        Assert.Equal("kernel", format.Split(lines[0]).Component);
        Assert.Equal(new DateTimeOffset(2017, 7, 1, 9, 0, 55, TimeSpan.Zero), format.Split(lines[0], 2017).Timestamp);
    }

    [Fact]
    public void Learn_ColumnAlignedHeaderWithoutColon_EndsAtTheGap()
    {
        string[] lines =
        [
            "2016-09-28 04:30:30, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505 with Core: C:\\Windows\\cbscore.dll",
            "2016-09-28 04:30:31, Info                  CSI    00000001@2016/9/27:20:30:31.455 WcpInitialize (wcp.dll version 0.0.0.6) called",
            "2016-09-28 04:30:35, Info                  CBS    Session: 30546174_11037638 initialized by client WindowsUpdateAgent.",
            "2016-09-29 02:03:46, Warning               CBS    Unrecognized packageExtended attribute.",
        ];

        var format = LogHeaderLearner.Learn(lines);
        var parts = format.Split(lines[3]);

        Assert.Equal("Unrecognized packageExtended attribute.", parts.Message);
        Assert.Equal("Warning", parts.Level);
        Assert.Equal("CBS", parts.Component);
    }

    [Fact]
    public void Learn_BareMessages_LearnsNoHeader()
    {
        string[] lines =
        [
            "Receiving block blk_1 src: /10.0.0.1:5000 dest: /10.0.0.2:50010",
            "PacketResponder 1 for block blk_2 terminating",
            "Received block blk_3 of size 67108864 from /10.0.0.3",
            "Deleting block blk_4 file /mnt/data/blk_4",
        ];

        var format = LogHeaderLearner.Learn(lines);

        Assert.Equal(0, format.FieldCount);
        Assert.Equal(lines[1], format.Split(lines[1]).Message);
    }

    [Fact]
    public void Split_LineThatDoesNotFitTheLayout_IsAllMessage()
    {
        string[] lines =
        [
            "2015-10-18 18:01:47,978 INFO [main] org.acme.App: started",
            "2015-10-18 18:01:48,001 INFO [main] org.acme.App: listening on 8080",
            "2015-10-18 18:01:49,112 WARN [pool-1] org.acme.Db: slow query 1200 ms",
        ];

        var format = LogHeaderLearner.Learn(lines);

        Assert.Equal("at org.acme.Db.run(Db.java:42)", format.Split("\tat org.acme.Db.run(Db.java:42)").Message);
        Assert.Equal("slow query 1200 ms", format.Split(lines[2]).Message);
    }

    [Fact]
    public void Learn_ColumnShareOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogHeaderLearner.Learn(["a"], minColumnShare: 0.2));
    }
}
