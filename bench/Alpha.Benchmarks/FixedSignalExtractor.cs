using Alpha.Runtime.Extraction;
using Alpha.Runtime.Schemas;

namespace Alpha.Benchmarks;

/// <summary>Returns the same signals for every incident, without allocating.</summary>
internal sealed class FixedSignalExtractor(IReadOnlyList<Signal> signals) : ISignalExtractor
{
    public ValueTask<IReadOnlyList<Signal>> ExtractAsync(IncidentInput incident, CancellationToken cancellationToken) =>
        ValueTask.FromResult(signals);
}
