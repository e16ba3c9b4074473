using System.Text.Json.Serialization;

namespace Alpha.Runtime.Schemas;

/// <summary>
/// The incident handed to the runtime: the id its events and traces name, and the vertical's typed incident
/// (<see cref="Model"/>), read once by the vertical from the incident document and never looked into by the runtime.
/// Agents and signal extractors of a vertical take their own model back with <see cref="As{T}"/>. The runtime stays
/// vertical-agnostic: it neither parses incident documents nor knows their sections. Serialised, an incident is its
/// model's own document (the vertical's converter writes it), or <c>{deployment_id}</c> when it carries none.
/// </summary>
[JsonConverter(typeof(IncidentInputJsonConverter))]
public sealed record IncidentInput
{
    /// <summary>Creates an incident carrying <paramref name="model"/>.</summary>
    /// <exception cref="SchemaValidationException"><paramref name="deploymentId"/> is blank.</exception>
    public IncidentInput(string deploymentId, object? model = null)
    {
        DeploymentId = Check.NotBlank(deploymentId, "deployment_id");
        Model = model;
    }

    /// <summary>The deployment (or incident) identifier.</summary>
    public string DeploymentId { get; }

    /// <summary>The vertical's typed incident, or null for a bare id (tests, runtimes without a vertical).</summary>
    public object? Model { get; }

    /// <summary>The vertical's incident as a <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The incident carries no <typeparamref name="T"/>.</exception>
    public T As<T>()
        where T : class =>
        Model as T ?? throw new InvalidOperationException(
            $"The incident '{DeploymentId}' carries {(Model is null ? "no model" : $"a {Model.GetType().Name}")}, not a {typeof(T).Name}; read it with the vertical's incident reader.");
}
