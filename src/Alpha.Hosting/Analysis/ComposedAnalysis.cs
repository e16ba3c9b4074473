using Alpha.Platform.Specs;
using Alpha.Runtime.Events;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Analysis;

namespace Alpha.Hosting.Analysis;

/// <summary>
/// An analyzer built from a spec, with the specs it actually runs: the effective analysis spec (overrides
/// applied) and one agent spec per agent, specialists then synthesis, each with its effective model. The ledger
/// records exactly these (<see cref="AnalysisLedger"/>).
/// </summary>
/// <param name="Spec">The effective analysis spec.</param>
/// <param name="AgentSpecs">The agent specs run, in the spec's order, the synthesis agent last.</param>
/// <param name="Analyzer">The analyzer they configure.</param>
public sealed record ComposedAnalysis(AnalysisSpec Spec, IReadOnlyList<AgentSpec> AgentSpecs, SreAnalyzer Analyzer)
{
    /// <summary>The analyzer's event stream.</summary>
    public EventHub Events => Analyzer.Events;

    /// <summary>Analyses one incident (see <see cref="SreAnalyzer.AnalyzeAsync"/>).</summary>
    public Task<AnalysisReport> AnalyzeAsync(IncidentInput incident, string? executionId = null, CancellationToken cancellationToken = default) =>
        Analyzer.AnalyzeAsync(incident, executionId, cancellationToken);
}
