using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>Writes an <see cref="IncidentInput"/> as its model's document; reading belongs to the vertical that defines the model.</summary>
public sealed class IncidentInputJsonConverter : JsonConverter<IncidentInput>
{
    /// <inheritdoc />
    public override IncidentInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("An incident document is read by its vertical's incident reader, which builds the typed model.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IncidentInput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Model is { } model)
        {
            JsonSerializer.Serialize(writer, model, model.GetType(), options);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("deployment_id", value.DeploymentId);
        writer.WriteEndObject();
    }
}
