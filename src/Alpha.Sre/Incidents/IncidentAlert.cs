namespace Alpha.Sre.Incidents;

/// <summary>The alert that opened an incident: which service's metric fired, and when.</summary>
/// <param name="Service">The alerting service.</param>
/// <param name="Metric">The alerting metric, named as in the incident's metrics (without the service).</param>
/// <param name="At">When it fired, when given (<c>detected_at</c> otherwise).</param>
public sealed record IncidentAlert(string Service, string Metric, DateTimeOffset? At);
