using Alpha.Sre.LogMining;

namespace Alpha.Sre.Tests.LogMining;

public sealed class JsonLogLineTests
{
    [Theory]
    [InlineData("""{"level":"error","msg":"failed to charge card","time":"2026-01-01T00:00:05Z","http.req.id":"a1b2"}""", "failed to charge card", "ERROR", "2026-01-01T00:00:05+00:00")]
    [InlineData("""{"severity":"warning","message":"  retrying  ","timestamp":"2026-01-01T01:00:00+02:00"}""", "retrying", "WARNING", "2025-12-31T23:00:00+00:00")]
    [InlineData("""{"level":50,"time":1767225605000,"msg":"payment declined","pid":7}""", "payment declined", "ERROR", "2026-01-01T00:00:05+00:00")]
    [InlineData("""{"@t":"2026-01-01T00:00:05Z","@mt":"Cart {CartId} empty","@l":"Information","CartId":9}""", "Cart {CartId} empty", "INFORMATION", "2026-01-01T00:00:05+00:00")]
    [InlineData("""{"event":"order placed","ts":1767225605.5}""", "order placed", null, "2026-01-01T00:00:05.5+00:00")]
    public void TryParse_StructuredLine_ReadsMessageLevelAndTime(string line, string message, string? level, string time)
    {
        var parts = JsonLogLine.TryParse(line);

        Assert.NotNull(parts);
        Assert.Equal(message, parts.Message);
        Assert.Equal(level, parts.Level);
        Assert.Equal(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), parts.Timestamp);
    }

    [Theory]
    [InlineData("2026-01-01 00:00:05 ERROR plain text")]
    [InlineData("""{"level":"error","count":3}""")]
    [InlineData("""{"msg": "unterminated""")]
    [InlineData("""{"msg": "broken", }x""")]
    [InlineData("""["msg", "an array"]""")]
    public void TryParse_NotAStructuredLineWithAMessage_Null(string line)
    {
        Assert.Null(JsonLogLine.TryParse(line));
    }

    [Fact]
    public void Split_JsonLine_GivesTheMessageNotTheRecord()
    {
        var parts = LogLineSplitter.Split("""{"level":"info","logger":"checkout","msg":"order 42 placed","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}""");

        Assert.Equal(("order 42 placed", "INFO", "checkout"), (parts.Message, parts.Level, parts.Component));
    }
}
