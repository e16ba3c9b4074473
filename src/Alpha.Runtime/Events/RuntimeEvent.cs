using System.Text.Json.Serialization;

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
    public Frame ToFrame() => new(ExecutionId, Stage, Message, Timestamp, GetExtras());

    /// <summary>Machine-readable details for <see cref="Frame.Extras"/>.</summary>
    protected abstract IReadOnlyDictionary<string, object?> GetExtras();
}
