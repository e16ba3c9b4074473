using Alpha.Runtime.Resilience;

namespace Alpha.Runtime.Tests.Resilience;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Retry-After", "2", 2000)]
    [InlineData("Retry-After", "0", 0)]
    [InlineData("retry-after-ms", "250", 250)]
    [InlineData("Retry-After", "Thu, 01 Jan 2026 12:00:05 GMT", 5000)]
    public void FromHeaders_ServerAsksForWait_ReturnsIt(string header, string value, double expectedMs)
    {
        var delay = RetryAfter.FromHeaders(name => string.Equals(name, header, StringComparison.OrdinalIgnoreCase) ? value : null, Now);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void FromHeaders_RetryAfterMsAndRetryAfter_PrefersMilliseconds()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["retry-after-ms"] = "120", ["Retry-After"] = "9" };

        var delay = RetryAfter.FromHeaders(name => headers.GetValueOrDefault(name), Now);

        Assert.Equal(TimeSpan.FromMilliseconds(120), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-3")]
    public void FromHeaders_MissingOrUnreadable_ReturnsNull(string? value)
    {
        var delay = RetryAfter.FromHeaders(name => name == "Retry-After" ? value : null, Now);

        Assert.Null(delay);
    }
}
