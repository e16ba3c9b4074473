namespace Alpha.Runtime.Llm;

/// <summary>
/// A model call did not finish within <see cref="OpenAICompatibleOptions.Timeout"/> (retries included). The
/// in-flight request was aborted. Distinct from <see cref="OperationCanceledException"/>, which means the caller cancelled.
/// </summary>
public sealed class ModelTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoint">The base URL that was called.</param>
    /// <param name="model">The model that was asked for.</param>
    /// <param name="timeout">The limit that was exceeded.</param>
    /// <param name="innerException">The cancellation that ended the call.</param>
    public ModelTimeoutException(Uri endpoint, string model, TimeSpan timeout, Exception? innerException = null)
        : base($"Model call to '{model}' at {endpoint} did not finish within {timeout.TotalSeconds:0.###} s and was aborted. Raise the timeout (OpenAICompatibleOptions.Timeout) or check that the server is not overloaded.", innerException)
    {
        Endpoint = endpoint;
        Model = model;
        Timeout = timeout;
    }

    /// <summary>The base URL that was called.</summary>
    public Uri Endpoint { get; }

    /// <summary>The model that was asked for.</summary>
    public string Model { get; }

    /// <summary>The limit that was exceeded.</summary>
    public TimeSpan Timeout { get; }
}
