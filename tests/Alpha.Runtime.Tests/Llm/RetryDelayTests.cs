using Alpha.Runtime.Llm;

namespace Alpha.Runtime.Tests.Llm;

public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Retry-After", "2", 2000)]
    [InlineData("Retry-After", "0", 0)]
    [InlineData("retry-after-ms", "250", 250)]
    [InlineData("Retry-After", "Thu, 01 Jan 2026 12:00:05 GMT", 5000)]
    public void FromHeaders_ServerAsksForWait_ReturnsIt(string header, string value, double expectedMs)
    {
        var delay = RetryDelay.FromHeaders(name => string.Equals(name, header, StringComparison.OrdinalIgnoreCase) ? value : null, Now);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void FromHeaders_RetryAfterMsAndRetryAfter_PrefersMilliseconds()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["retry-after-ms"] = "120", ["Retry-After"] = "9" };

        var delay = RetryDelay.FromHeaders(name => headers.GetValueOrDefault(name), Now);

        Assert.Equal(TimeSpan.FromMilliseconds(120), delay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-3")]
    public void FromHeaders_MissingOrUnreadable_ReturnsNull(string? value)
    {
        var delay = RetryDelay.FromHeaders(name => name == "Retry-After" ? value : null, Now);

        Assert.Null(delay);
    }

    [Fact]
    public void Compute_ServerAsksForMoreThanCap_IsCapped()
    {
        var delay = RetryDelay.Compute(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), name => name == "Retry-After" ? "3600" : null, Now, new Random(1));

        Assert.Equal(TimeSpan.FromSeconds(30), delay);
    }

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(2, 100, 200)]
    [InlineData(3, 200, 400)]
    [InlineData(10, 500, 1000)]
    public void Compute_NoHeader_BacksOffExponentiallyWithJitterWithinCap(int retry, double minMs, double maxMs)
    {
        var random = new Random(42);
        for (var i = 0; i < 100; i++)
        {
            var delay = RetryDelay.Compute(retry, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000), _ => null, Now, random);

            Assert.InRange(delay.TotalMilliseconds, minMs, maxMs);
        }
    }
}
