using Polly;
using Polly.Retry;

namespace Alpha.Runtime.Resilience;

/// <summary>
/// The one retry policy of every outbound HTTP call Alpha makes (model endpoints, vendor APIs), on Polly:
/// the caller classifies each failed attempt (<see cref="RetryDecision"/>); a wait the server asked for is
/// honoured up to <see cref="HttpRetryOptions.MaxDelay"/>, otherwise the delay backs off exponentially with
/// jitter from <see cref="HttpRetryOptions.BaseDelay"/>. Every wait runs on the injected <see cref="TimeProvider"/>
/// and ends when the caller's token is cancelled.
/// </summary>
public static class HttpResilience
{
    /// <summary>Builds the pipeline for outcomes of type <typeparamref name="T"/>.</summary>
    /// <param name="options">How many retries and how long to wait.</param>
    /// <param name="classify">Decides, for one failed outcome (an exception or a result), whether and when to retry.</param>
    /// <param name="timeProvider">The clock for every wait.</param>
    /// <param name="onRetry">Called before each wait (logging, disposing the failed result); optional.</param>
    public static ResiliencePipeline<T> Create<T>(
        HttpRetryOptions options,
        Func<Outcome<T>, RetryDecision> classify,
        TimeProvider timeProvider,
        Func<OnRetryArguments<T>, ValueTask>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = timeProvider };
        if (options.MaxRetries < 1)
        {
            return builder.Build();
        }

        // Polly accepts delays of at most a day.
        var maxDelay = Clamp(options.MaxDelay);
        return builder.AddRetry(new RetryStrategyOptions<T>
        {
            MaxRetryAttempts = options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = Clamp(options.BaseDelay),
            MaxDelay = maxDelay,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is not OperationCanceledException && classify(args.Outcome).Retry),
            DelayGenerator = args => ValueTask.FromResult(
                classify(args.Outcome).After is { } asked ? (asked < maxDelay ? asked : maxDelay) : (TimeSpan?)null),
            OnRetry = onRetry,
        }).Build();
    }

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : delay;
}
