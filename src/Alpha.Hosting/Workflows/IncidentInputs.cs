using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// The incident of a workflow run: its <c>incident</c> input is a path to an incident file (JSON or YAML), or the
/// incident itself (an object, or its JSON text). Secrets are redacted before anything reads it, as in
/// <c>alpha analyze</c>.
/// </summary>
internal static class IncidentInputs
{
    /// <summary>The name of the input that carries the incident.</summary>
    public const string Name = "incident";

    /// <summary>Reads and redacts the run's incident.</summary>
    /// <exception cref="InvalidInputException">The input is missing or not an incident.</exception>
    public static async Task<IncidentInput> LoadAsync(JsonObject inputs, CancellationToken cancellationToken)
    {
        var limits = InputLimits.FromEnvironment(Environment.GetEnvironmentVariable);
        var incident = inputs[Name] switch
        {
            JsonObject inline => IncidentDocument.Parse(inline.ToJsonString(), $"inputs.{Name}", limits),
            JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { } text => text.TrimStart().StartsWith('{')
                ? IncidentDocument.Parse(text, $"inputs.{Name}", limits)
                : await IncidentDocument.LoadAsync(text, TextReader.Null, limits, cancellationToken).ConfigureAwait(false),
            null => throw new InvalidInputException("inputs", null, Name, $"is missing: pass the incident file, e.g. --inputs '{{\"{Name}\": \"examples/incidents/seed.json\"}}'"),
            var other => throw new InvalidInputException("inputs", null, Name, $"must be a path to an incident file or an incident object, not {other.GetValueKind()}"),
        };
        return SecretRedactor.Default.Redact(incident);
    }
}
