using System.Text.Json.Serialization;
using Alpha.Runtime.Security;

namespace Alpha.Runtime.Events;

/// <summary>
/// A typed event of one execution. Every event can also be expressed as the canonical <see cref="Frame"/>.
/// </summary>
/// <param name="ExecutionId">The execution it belongs to.</param>
/// <param name="Timestamp">When it happened.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecutionStarted), "execution_started")]
[JsonDerivedType(typeof(SignalDetected), "signal_detected")]
[JsonDerivedType(typeof(AgentStarted), "agent_started")]
[JsonDerivedType(typeof(ModelCallCompleted), "model_call_completed")]
[JsonDerivedType(typeof(AgentCompleted), "agent_completed")]
[JsonDerivedType(typeof(AgentFailed), "agent_failed")]
[JsonDerivedType(typeof(AgentTimedOut), "agent_timed_out")]
[JsonDerivedType(typeof(AgentCancelled), "agent_cancelled")]
[JsonDerivedType(typeof(HypothesisRejected), "hypothesis_rejected")]
[JsonDerivedType(typeof(AggregationCompleted), "aggregation_completed")]
[JsonDerivedType(typeof(ExecutionCompleted), "execution_completed")]
[JsonDerivedType(typeof(ExecutionFailed), "execution_failed")]
[JsonDerivedType(typeof(ExecutionCancelled), "execution_cancelled")]
[JsonDerivedType(typeof(StageEvent), "stage")]
public abstract record RuntimeEvent(string ExecutionId, DateTimeOffset Timestamp)
{
    /// <summary>The frame stage name of this event.</summary>
    [JsonIgnore]
    public abstract string Stage { get; }

    /// <summary>One line for a person.</summary>
    [JsonIgnore]
    public abstract string Message { get; }

    /// <summary>This event as the canonical frame.</summary>
    /// <remarks>The message and text extras pass through <see cref="SecretRedactor"/>: a frame never carries a secret.</remarks>
    public Frame ToFrame() => new(ExecutionId, Stage, SecretRedactor.Default.Redact(Message), Timestamp, RedactExtras(GetExtras()));

    private static Dictionary<string, object?> RedactExtras(IReadOnlyDictionary<string, object?> extras)
    {
        var result = new Dictionary<string, object?>(extras.Count, StringComparer.Ordinal);
        foreach (var (key, value) in extras)
        {
            result[key] = value switch
            {
                string text => SecretRedactor.Default.Redact(key, text),
                IEnumerable<string> texts => texts.Select(t => SecretRedactor.Default.Redact(key, t)).ToArray(),
                _ => value,
            };
        }

        return result;
    }

    /// <summary>Machine-readable details for <see cref="Frame.Extras"/>.</summary>
    protected abstract IReadOnlyDictionary<string, object?> GetExtras();
}
