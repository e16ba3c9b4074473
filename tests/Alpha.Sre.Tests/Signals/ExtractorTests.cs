using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Commits;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Logs;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Tests.Signals;

public sealed class ExtractorTests
{
    private static IReadOnlyList<Signal> Extract(string yaml) =>
        SreSignalExtractor.Extract(IncidentDocument.Read(yaml, "t.yaml"));

    [Fact]
    public void Logs_JsonLines_MinedByTheirMessageAndLevel()
    {
        // Structured lines as a service writes them, given as plain strings: no time, level or service beside them.
        var lines = Enumerable.Range(0, 10).Select(i => $$"""  - '{"time":"2026-01-01T00:0{{i}}:00Z","level":"info","msg":"order {{i}} placed","http.req.id":"r{{i}}"}'""")
            .Concat(Enumerable.Range(0, 6).Select(i => $$"""  - '{"time":"2026-01-01T00:1{{i}}:00Z","level":"error","msg":"payment declined for order {{i}}","http.req.id":"r{{i + 10}}"}'"""));

        var signals = Extract("deployment_id: d\ndetected_at: \"2026-01-01T00:10:00Z\"\nlogs:\n" + string.Join('\n', lines));

        var signal = Assert.Single(signals, s => s.Type == SignalTypes.LogNewErrorTemplate);
        var burst = Assert.IsType<LogTemplateBurst>(signal.Payload);
        Assert.Equal("payment declined for order <*>", burst.Template);
        Assert.Equal(("ERROR", 6, 0), (burst.Level, burst.Count, burst.CountBeforeOnset));
    }

    [Fact]
    public void Metrics_StepAfterDetection_GivesAnomalyWithKindServiceAndOnset()
    {
        var signals = Extract("""
            deployment_id: d
            detected_at: "2026-01-01T00:10:00Z"
            metrics_start: "2026-01-01T00:00:00Z"
            metrics_step_seconds: 60
            metrics:
              orders.cpu: [0.2, 0.21, 0.19, 0.2, 0.22, 0.2, 0.21, 0.19, 0.2, 0.2, 0.95, 0.97, 0.96, 0.98]
              orders.memory: [500, 501, 499, 500, 502, 500, 501, 499, 500, 500, 500, 501, 499, 500]
            """);

        var signal = Assert.Single(signals);
        Assert.Equal(SignalTypes.MetricAnomaly, signal.Type);
        Assert.Equal("orders", signal.Service);
        Assert.Equal(MetricKind.Cpu, signal.MeasuredKind());
        Assert.Equal(ChangeDirection.Up, signal.Measured()!.Direction);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 10, 0, TimeSpan.Zero), signal.Timestamp);
        Assert.Equal(Severity.High, signal.Severity);
    }

    [Fact]
    public void Metrics_SnapshotSaturationAndErrorRatio_GiveLevelSignals()
    {
        var signals = Extract("deployment_id: d\nmetrics:\n  cpu_usage: 0.97\n  error_rate: 0.2\n  latency_ms: 900\n");

        Assert.Equal(2, signals.Count);
        Assert.All(signals, s => Assert.Equal(SignalTypes.MetricLevel, s.Type));
        Assert.Contains(signals, s => s.MeasuredKind() == MetricKind.Cpu);
        Assert.Contains(signals, s => s.MeasuredKind() == MetricKind.Errors);
    }

    [Fact]
    public void Metrics_BaselineCurrentPair_ReportsLargeMoves()
    {
        var signals = Extract("deployment_id: d\nmetrics:\n  api.latency_ms: {baseline: 100, current: 450}\n  api.cpu: {baseline: 0.4, current: 0.42}\n");

        var signal = Assert.Single(signals);
        Assert.Equal(MetricKind.Latency, signal.MeasuredKind());
    }

    [Fact]
    public void Logs_NewErrorTemplateAfterOnset_IsReportedWithCategoryAndTarget()
    {
        var signals = Extract("""
            deployment_id: d
            detected_at: "2026-01-01T00:10:00Z"
            topology: {checkout: [payment]}
            logs:
              - {timestamp: "2026-01-01T00:01:00Z", service: checkout, level: INFO, message: "order 1 placed"}
              - {timestamp: "2026-01-01T00:02:00Z", service: checkout, level: INFO, message: "order 2 placed"}
              - {timestamp: "2026-01-01T00:11:00Z", service: checkout, level: ERROR, message: "timeout calling payment after 5000ms"}
              - {timestamp: "2026-01-01T00:12:00Z", service: checkout, level: ERROR, message: "timeout calling payment after 5012ms"}
            """);

        var signal = Assert.Single(signals);
        Assert.Equal(SignalTypes.LogNewErrorTemplate, signal.Type);
        Assert.Equal("timeout", ((LogTemplateBurst)signal.Payload!).Category);
        Assert.Equal("payment", signal.TargetService());
        Assert.Equal(2, ((LogTemplateBurst)signal.Payload!).Count);
        Assert.Equal("checkout", signal.Service);
    }

    [Fact]
    public void Logs_RegularStatementThatStops_IsVanishedAndStatementIdsStayApart()
    {
        var lines = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var minute = i < 20 ? $"00:0{i / 3}" : $"00:1{(i - 20) / 3}";
            lines.Add($"  - {{timestamp: \"2026-01-01T{minute}:{i % 60:00}Z\", service: basic, level: INFO, message: \"INFO c.BasicImpl#10 [query] step one {i}\"}}");
            if (i < 20)
            {
                lines.Add($"  - {{timestamp: \"2026-01-01T{minute}:{i % 60:00}Z\", service: basic, level: INFO, message: \"INFO c.BasicImpl#12 [query] step one {i}\"}}");
            }
        }

        var signals = Extract("deployment_id: d\ndetected_at: \"2026-01-01T00:10:00Z\"\nlogs:\n" + string.Join('\n', lines));

        var signal = Assert.Single(signals, s => s.Type == SignalTypes.LogTemplateVanished);
        var log = Assert.IsType<LogTemplateBurst>(signal.Payload);
        Assert.Equal("c.BasicImpl#12", log.Statement);
        Assert.False(log.IsError);
        Assert.Equal(ChangeDirection.Down, log.Direction);
        Assert.True(signal.Value >= LogSignalExtractor.MinSurprise);
    }

    [Theory]
    [InlineData("javax.net.ssl.SSLHandshakeException: PKIX path building failed", "tls")]
    [InlineData("java.net.UnknownHostException: payments.internal", "dns")]
    [InlineData("Deadlock found when trying to get lock; try restarting transaction", "lock")]
    [InlineData("RejectedExecutionException: thread pool is exhausted", "thread-pool")]
    [InlineData("HTTP 429 Too Many Requests from upstream", "rate-limit")]
    [InlineData("GC pause (G1 Evacuation Pause) 2.3s stop-the-world", "gc")]
    [InlineData("clock skew detected: token issued in the future", "clock")]
    [InlineData("backlog of 120000 messages on orders queue", "queue")]
    public void Logs_OpenWorldCauses_HaveTheirOwnCategory(string message, string category)
    {
        Assert.Equal(category, LogCategories.Category(message));
    }

    [Theory]
    [InlineData("16:43:25.207 INFO  t.s.TravelServiceImpl#457 TraceID: 8f2f", "t.s.TravelServiceImpl#457")]
    [InlineData("ERROR o.a.c.c.C.[.[.[.[dispatcherServlet]#175 Servlet.service()", "o.a.c.c.C.[.[.[.[dispatcherServlet]#175")]
    [InlineData("WARN (Handler.java:88) request slow", "Handler.java:88")]
    [InlineData("order #123 placed", null)]
    public void Logs_StatementId_IsFoundInTheLine(string message, string? expected)
    {
        Assert.Equal(expected, LogSignalExtractor.StatementId(message));
    }

    [Fact]
    public void Logs_KnownErrorThatBursts_IsABurst()
    {
        var lines = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            lines.Add($"  - {{timestamp: \"2026-01-01T00:0{i}:00Z\", service: api, level: ERROR, message: \"request {i} failed with status 500\"}}");
        }

        for (var i = 0; i < 30; i++)
        {
            lines.Add($"  - {{timestamp: \"2026-01-01T00:10:{i:00}Z\", service: api, level: ERROR, message: \"request {100 + i} failed with status 500\"}}");
        }

        var signals = Extract("deployment_id: d\ndetected_at: \"2026-01-01T00:10:00Z\"\nlogs:\n" + string.Join('\n', lines));

        var signal = Assert.Single(signals);
        Assert.Equal(SignalTypes.LogErrorBurst, signal.Type);
        Assert.True(signal.Value > LogSignalExtractor.MinBurstRatio);
    }

    [Fact]
    public void Logs_PlainLinesWithoutTimes_AreErrorTemplates()
    {
        var signals = Extract("deployment_id: d\nlogs: [\"ERROR: connection pool exhausted\", \"INFO ok\", \"ERROR: connection pool exhausted\"]\n");

        var signal = Assert.Single(signals);
        Assert.Equal(SignalTypes.LogErrors, signal.Type);
        Assert.Equal("pool", ((LogTemplateBurst)signal.Payload!).Category);
        Assert.Equal(2, ((LogTemplateBurst)signal.Payload!).Count);
    }

    [Theory]
    [InlineData("java.lang.OutOfMemoryError: Java heap space", "oom")]
    [InlineData("write failed: No space left on device", "disk")]
    [InlineData("dial tcp 10.0.0.1:5432: connect: connection refused", "connection")]
    [InlineData("HikariPool-1 - Connection is not available, request timed out after 30000ms", "pool")]
    [InlineData("java.lang.NullPointerException at Foo.bar(Foo.java:12)", "exception")]
    [InlineData("something went wrong", "error")]
    public void Category_Messages_AreClassified(string message, string category)
    {
        Assert.Equal(category, LogCategories.Category(message));
    }

    [Fact]
    public void ExceptionType_FindsQualifiedAndPythonStyleNames()
    {
        Assert.Equal("java.lang.IllegalStateException", LogCategories.ExceptionType("Caused by: java.lang.IllegalStateException: closed"));
        Assert.Equal("KeyError", LogCategories.ExceptionType("Traceback ... KeyError: 'user'"));
        Assert.Null(LogCategories.ExceptionType("all good"));
    }

    [Fact]
    public void Commits_RecentRiskyChangeBeforeOnset_IsHighWithAreas()
    {
        var signals = Extract("""
            deployment_id: d
            detected_at: "2026-01-01T12:00:00Z"
            recent_commits:
              - sha: abcdef123456
                timestamp: "2026-01-01T11:30:00Z"
                service: orders
                message: "Lower the connection pool size"
                files: [{path: orders/config/db.yaml, additions: 1, deletions: 1}]
              - sha: 999
                timestamp: "2026-01-01T12:30:00Z"
                message: "docs"
            """);

        Assert.Equal(2, signals.Count);
        var risky = signals[0];
        Assert.Equal(Severity.High, risky.Severity);
        Assert.Contains("connection-pool", ((CommitRisk)risky.Payload!).RiskAreas);
        Assert.Contains("config", ((CommitRisk)risky.Payload!).RiskAreas);
        Assert.Equal(30, ((CommitRisk)risky.Payload!).MinutesBeforeOnset);
        Assert.False(((CommitRisk)signals[1].Payload!).BeforeOnset);
        Assert.Equal(Severity.Low, signals[1].Severity);
    }

    [Fact]
    public void ChangeRisk_DependencyBumpAndHotLoop_AreRecognised()
    {
        var areas = ChangeRisk.Assess(["service/go.mod"], "bump grpc", ["while (true) {", "  spin();"]).Select(a => a.Area).ToArray();

        Assert.Contains("dependency-bump", areas);
        Assert.Contains("cpu", areas);
    }

    [Fact]
    public void Config_PreviousCurrent_DiffsRiskyKeysAndHidesSecrets()
    {
        var signals = Extract("""
            deployment_id: d
            config_snapshot:
              previous: {orders: {db: {pool_size: 50, password: hunter2}, banner: "hi"}}
              current: {orders: {db: {pool_size: 5, password: s3cret}, banner: "hello"}}
            metrics: {orders.cpu: 0.1}
            """);

        var pool = Assert.Single(signals, s => s.Payload is ConfigChange { Key: "orders.db.pool_size" });
        Assert.Equal(Severity.High, pool.Severity);
        Assert.Equal(0.1, pool.Value);
        Assert.Equal("orders", pool.Service);
        var secret = Assert.Single(signals, s => s.Payload is ConfigChange { Key: "orders.db.password" });
        Assert.DoesNotContain("s3cret", secret.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", secret.Description, StringComparison.Ordinal);
        Assert.Null(((ConfigChange)secret.Payload!).Current);
        Assert.Null(((ConfigChange)secret.Payload!).Previous);
        var banner = Assert.Single(signals, s => s.Payload is ConfigChange { Key: "orders.banner" });
        Assert.Equal(Severity.Low, banner.Severity);
    }

    [Fact]
    public void Extract_SameIncident_SameIds()
    {
        const string yaml = "deployment_id: d\nlogs: [\"ERROR a failed\", \"ERROR timeout\"]\nmetrics: {cpu_usage: 0.99}\nconfig_snapshot: {pool: 3}\n";

        var first = Extract(yaml).Select(s => (s.Id, s.Description));
        var second = Extract(yaml).Select(s => (s.Id, s.Description));

        Assert.Equal(first, second);
    }
}
