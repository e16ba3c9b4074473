using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Extraction;

/// <summary>
/// Turns an incident into signals (the evidence agents must cite). Verticals implement it; the runtime
/// calls it once per execution, before any agent runs. Ids must be unique within the returned list.
/// </summary>
public interface ISignalExtractor
{
    /// <summary>Extracts the signals of <paramref name="incident"/>.</summary>
    ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken);
}
