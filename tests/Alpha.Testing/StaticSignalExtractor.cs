using Alpha.Runtime.Extraction;
using Alpha.Runtime.Schemas;

namespace Alpha.Testing;

/// <summary>An extractor that returns a fixed list of signals.</summary>
public sealed class StaticSignalExtractor(params Signal[] signals) : ISignalExtractor
{
    public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Signal>>(signals);
}
