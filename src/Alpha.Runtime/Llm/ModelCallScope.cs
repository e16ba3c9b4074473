using System.Diagnostics;
using System.Globalization;
using Alpha.Runtime.Diagnostics;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Llm;

/// <summary>
/// One model call as the outside world sees it: its <c>chat {model}</c> span, its timeout (linked with the
/// caller's token), and its metrics. Turns whatever ended the call into the exception the caller gets.
/// </summary>
internal sealed class ModelCallScope : IDisposable
{
    private readonly OpenAICompatibleOptions _options;
    private readonly string _model;
    private readonly TimeProvider _time;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly long _start;
    private bool _recorded;

    public ModelCallScope(OpenAICompatibleOptions options, string model, bool streaming, TimeProvider time, CancellationToken callerToken)
    {
        _options = options;
        _model = model;
        _time = time;
        _callerToken = callerToken;
        _timeout = options.Timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(options.Timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timeout.Token);
        _start = time.GetTimestamp();

        Activity = AlphaTelemetry.ActivitySource.StartActivity($"chat {model}", ActivityKind.Client);
        if (Activity is not null)
        {
            Activity.SetTag("gen_ai.operation.name", "chat");
            Activity.SetTag("gen_ai.provider.name", options.ProviderName);
            Activity.SetTag("gen_ai.request.model", model);
            Activity.SetTag("server.address", options.Endpoint.Host);
            Activity.SetTag("server.port", options.Endpoint.Port);
            Activity.SetTag("alpha.model.streaming", streaming);
        }
    }

    /// <summary>The span of this call, when someone listens.</summary>
    public Activity? Activity { get; }

    /// <summary>Cancelled when the caller cancels or the call's timeout fires; pass it to every request.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>Requests sent so far (1 + retries).</summary>
    public int Attempts { get; set; }

    /// <summary>Records a successful call.</summary>
    public void Succeeded(string? responseModel, UsageDetails? usage)
    {
        if (Activity is not null)
        {
            if (responseModel is not null)
            {
                Activity.SetTag("gen_ai.response.model", responseModel);
            }

            Activity.SetTag("gen_ai.usage.input_tokens", usage?.InputTokenCount);
            Activity.SetTag("gen_ai.usage.output_tokens", usage?.OutputTokenCount);
            Activity.SetTag("alpha.model.attempts", Attempts);
        }

        if (usage?.InputTokenCount is { } input)
        {
            RecordTokens(input, "input");
        }

        if (usage?.OutputTokenCount is { } output)
        {
            RecordTokens(output, "output");
        }

        RecordDuration(null);
    }

    /// <summary>
    /// Records a failed call and returns what to throw: the caller's cancellation as is, the call's own timeout
    /// as <see cref="ModelTimeoutException"/>, anything else as <see cref="ModelCallException"/>.
    /// </summary>
    public Exception Fail(Exception exception)
    {
        Exception result;
        string errorType;
        if (exception is OperationCanceledException canceled && _callerToken.IsCancellationRequested)
        {
            // Report the caller's own token (not our linked one) so `when (ex.CancellationToken == token)` filters work.
            result = canceled.CancellationToken == _callerToken ? canceled : new OperationCanceledException(canceled.Message, canceled, _callerToken);
            errorType = "cancelled";
        }
        else if (exception is OperationCanceledException)
        {
            // Our timeout fired, or the SDK's per-operation network timeout (set to the same value) did.
            result = new ModelTimeoutException(_options.Endpoint, _model, _options.Timeout, exception);
            errorType = "timeout";
        }
        else if (exception is ModelCallException call)
        {
            result = call;
            errorType = call.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "transport";
        }
        else
        {
            result = new ModelCallException(_options.Endpoint, _model, null, null, Math.Max(Attempts, 1), exception);
            errorType = exception.GetType().FullName ?? "error";
        }

        if (Activity is not null)
        {
            Activity.SetTag("error.type", errorType);
            Activity.SetTag("alpha.model.attempts", Attempts);
            Activity.SetStatus(ActivityStatusCode.Error, result.Message);
        }

        RecordDuration(errorType);
        return result;
    }

    /// <summary>Ends the span and releases the timeout; a call abandoned midway (a stream not read to its end) is recorded as such.</summary>
    public void Dispose()
    {
        if (!_recorded)
        {
            Activity?.SetTag("error.type", "abandoned");
            RecordDuration("abandoned");
        }

        Activity?.Dispose();
        _linked.Dispose();
        _timeout.Dispose();
    }

    private void RecordTokens(long count, string type)
    {
        var tags = CommonTags();
        tags.Add("gen_ai.token.type", type);
        AlphaTelemetry.TokenUsage.Record(count, tags);
    }

    private void RecordDuration(string? errorType)
    {
        _recorded = true;
        var tags = CommonTags();
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        AlphaTelemetry.ModelCallDuration.Record(_time.GetElapsedTime(_start).TotalSeconds, tags);
    }

    private TagList CommonTags() => new()
    {
        { "gen_ai.operation.name", "chat" },
        { "gen_ai.provider.name", _options.ProviderName },
        { "gen_ai.request.model", _model },
        { "server.address", _options.Endpoint.Host },
    };
}
