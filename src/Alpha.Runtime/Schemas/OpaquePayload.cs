using System.Text.Json;

namespace Alpha.Runtime.Schemas;

/// <summary>A payload read from JSON by the runtime, which does not know the vertical's payload types: the JSON as written.</summary>
/// <param name="Json">The payload object as it was serialised (with its type discriminator).</param>
public sealed record OpaquePayload(JsonElement Json) : SignalPayload;
