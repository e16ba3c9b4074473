using Alpha.Runtime.Resilience;
using Alpha.Testing;

namespace Alpha.Runtime.Tests.Resilience;

public sealed class HttpResilienceTests
{
    // Only reached when something is broken (a wait on the frozen clock never ends), never a timing assertion.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Create_RetryableEveryTime_TriesMaxRetriesPlusOneAndReturnsTheLastOutcome()
    {
        var pipeline = HttpResilience.Create<int>(new HttpRetryOptions(2, TimeSpan.Zero, TimeSpan.Zero), _ => RetryDecision.Wait(TimeSpan.Zero), new ManualTimeProvider());
        var attempts = 0;

        var result = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts)).AsTask().WaitAsync(Guard);

        Assert.Equal(3, attempts);
        Assert.Equal(3, result);
    }

    [Fact]
    public async Task Create_FinalFailure_TriesOnce()
    {
        var pipeline = HttpResilience.Create<int>(new HttpRetryOptions(5, TimeSpan.Zero, TimeSpan.Zero), _ => RetryDecision.No, new ManualTimeProvider());
        var attempts = 0;

        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts)).AsTask().WaitAsync(Guard);

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Create_ServerAsksForLongerThanMaxDelay_WaitIsCapped()
    {
        // The clock never moves: an uncapped one-hour wait would never end and the guard would fail the test.
        var pipeline = HttpResilience.Create<int>(new HttpRetryOptions(1, TimeSpan.Zero, TimeSpan.Zero), _ => RetryDecision.Wait(TimeSpan.FromHours(1)), new ManualTimeProvider());
        var attempts = 0;

        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts)).AsTask().WaitAsync(Guard);

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Create_Exception_ClassifiedAndRethrownAfterRetries()
    {
        var pipeline = HttpResilience.Create<int>(
            new HttpRetryOptions(1, TimeSpan.Zero, TimeSpan.Zero),
            outcome => outcome.Exception is HttpRequestException ? RetryDecision.Wait(TimeSpan.Zero) : RetryDecision.No,
            new ManualTimeProvider());
        var attempts = 0;

        await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new HttpRequestException("refused");
        }).AsTask().WaitAsync(Guard));

        Assert.Equal(2, attempts);
    }
}
