using Alpha.Sre.Integrations;

namespace Alpha.Sre.Tests.Integrations;

public sealed class TimeExpressionTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 14, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2h", "2026-04-02T12:00:00Z")]
    [InlineData("30m", "2026-04-02T13:30:00Z")]
    [InlineData("90s", "2026-04-02T13:58:30Z")]
    [InlineData("1d", "2026-04-01T14:00:00Z")]
    [InlineData("1w", "2026-03-26T14:00:00Z")]
    [InlineData("1h30m", "2026-04-02T12:30:00Z")]
    [InlineData("now", "2026-04-02T14:00:00Z")]
    [InlineData("2026-04-02T13:05:00Z", "2026-04-02T13:05:00Z")]
    [InlineData("2026-04-02T15:05:00+02:00", "2026-04-02T13:05:00Z")]
    [InlineData("2026-04-02T13:05:00", "2026-04-02T13:05:00Z")]
    public void TryParse_AcceptedForm_GivesTheTime(string text, string expected)
    {
        Assert.True(TimeExpression.TryParse(text, Now, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2 hours")]
    [InlineData("h2")]
    [InlineData("12")]
    public void TryParse_OtherText_IsRejected(string text)
    {
        Assert.False(TimeExpression.TryParse(text, Now, out _));
    }
}
