namespace Alpha.Runtime.Llm;

/// <summary>
/// One model call's bounds: its timeout (linked with the caller's token, retries and streaming included) and
/// its attempt count. Turns whatever ended the call into the exception the caller gets.
/// </summary>
internal sealed class ModelCallScope : IDisposable
{
    private readonly OpenAICompatibleOptions _options;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public ModelCallScope(OpenAICompatibleOptions options, string model, TimeProvider time, CancellationToken callerToken)
    {
        _options = options;
        Model = model;
        _callerToken = callerToken;
        _timeout = options.Timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(options.Timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token);
    }

    /// <summary>The model asked for.</summary>
    public string Model { get; }

    /// <summary>Cancelled when the caller cancels or the call's timeout fires; pass it to every request.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Requests sent so far (1 + retries).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// What to throw for <paramref name="exception"/>: the caller's cancellation as is, the call's own timeout
    /// as <see cref="ModelTimeoutException"/>, anything else as <see cref="ModelCallException"/>.
    /// </summary>
    public Exception Translate(Exception exception)
    {
        if (exception is OperationCanceledException canceled && _callerToken.IsCancellationRequested)
        {
            // Report the caller's own token (not our linked one) so `when (ex.CancellationToken == token)` filters work.
            return canceled.CancellationToken == _callerToken ? canceled : new OperationCanceledException(canceled.Message, canceled, _callerToken);
        }

        if (exception is OperationCanceledException)
        {
            // Our timeout fired, or the SDK's per-operation network timeout (set to the same value) did.
            return new ModelTimeoutException(_options.Endpoint, Model, _options.Timeout, exception);
        }

        return ModelCallFailure.From(exception, _options.Endpoint, Model, Math.Max(Attempts, 1));
    }

    /// <summary>Releases the timeout.</summary>
    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
