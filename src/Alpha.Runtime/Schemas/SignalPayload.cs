using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// The typed evidence a signal carries (a metric change, a log template burst, a risky commit...). The runtime
/// never looks inside: a vertical derives its own payload records from this base and reads their fields in its
/// agents. In JSON a payload is written as its vertical's polymorphic base (the nearest ancestor marked
/// <see cref="JsonPolymorphicAttribute"/>), so it carries that base's type discriminator; a payload read back
/// without the vertical's types is kept as an <see cref="OpaquePayload"/>.
/// </summary>
[JsonConverter(typeof(SignalPayloadJsonConverter))]
public abstract record SignalPayload;
