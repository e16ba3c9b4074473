using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Extraction;

/// <summary>An extractor that finds nothing: the default when no vertical is plugged in (every claim will then be rejected for lack of evidence).</summary>
public sealed class NoSignalExtractor : ISignalExtractor
{
    /// <summary>The shared instance.</summary>
    public static NoSignalExtractor Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Signal>>([]);
}
