using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// Writes a <see cref="SignalPayload"/> as its vertical's polymorphic base type, so System.Text.Json adds the
/// discriminator the vertical declared with <see cref="JsonDerivedTypeAttribute"/>; reads one back as an
/// <see cref="OpaquePayload"/> (the runtime does not know the vertical's types; the vertical deserialises
/// <see cref="OpaquePayload.Json"/> as its own base when it needs the typed form).
/// </summary>
public sealed class SignalPayloadJsonConverter : JsonConverter<SignalPayload>
{
    private static readonly ConcurrentDictionary<Type, Type> Roots = new();

    /// <inheritdoc />
    public override SignalPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new OpaquePayload(document.RootElement.Clone());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, SignalPayload value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is OpaquePayload opaque)
        {
            opaque.Json.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, value, Roots.GetOrAdd(value.GetType(), PolymorphicRoot), options);
    }

    /// <summary>The nearest type from <paramref name="type"/> up (below <see cref="SignalPayload"/>) marked polymorphic, else the type itself.</summary>
    private static Type PolymorphicRoot(Type type)
    {
        for (var t = type; t is not null && t != typeof(SignalPayload); t = t.BaseType)
        {
            if (t.GetCustomAttribute<JsonPolymorphicAttribute>(inherit: false) is not null)
            {
                return t;
            }
        }

        return type;
    }
}
