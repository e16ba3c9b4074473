using Alpha.Platform.Ledger;
using Alpha.Platform.Recording;
using Alpha.Platform.Specs;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;

namespace Alpha.Hosting.Analysis;

/// <summary>
/// Puts a composed analysis on the ledger: hash-locks the agent specs and the analysis spec it runs (as composed,
/// effective models and overrides included), opens the run (before any work happens) and starts a
/// <see cref="RunRecorder"/> on the analyzer's event stream. The caller starts
/// the analysis with the same execution id, then calls <see cref="RunRecorder.FinishAsync"/> with its task.
/// </summary>
public static class AnalysisLedger
{
    /// <summary>Locks the specs, opens the run and starts recording execution <paramref name="executionId"/>.</summary>
    public static async Task<RunRecorder> StartAsync(
        ILedgerStore store,
        ComposedAnalysis analysis,
        IncidentInput incident,
        string executionId,
        AnalysisRunOptions? runOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(incident);
        var settings = runOptions ?? new AnalysisRunOptions();
        incident = SecretRedactor.Default.Redact(incident); // the run's inputs are stored redacted (docs/security.md)
        // The specs are independent (the analysis refers to its agents by name): lock them concurrently, so that
        // a shared ledger costs one round trip here, not six.
        var agents = analysis.AgentSpecs;
        var locks = agents.Select(a => store.SnapshotAsync(a, cancellationToken)).Append(store.SnapshotAsync(analysis.Spec, cancellationToken)).ToArray();
        var snapshots = await Task.WhenAll(locks).ConfigureAwait(false);
        var agentVersions = agents.Zip(snapshots).ToDictionary(p => p.First.Name, p => p.Second.VersionId, StringComparer.Ordinal);
        var analysisVersion = snapshots[^1];
        var (inputs, digest) = AnalysisInputs.Build(incident, settings.Source); // a big incident: its hash and an excerpt
        return await RunRecorder.StartAsync(
            store,
            analysis.Events,
            executionId,
            new NewRun(SpecKind.Analysis, analysisVersion.VersionId, settings.ExperimentId, settings.TestId, settings.ParentRunId, executionId, inputs, InputsDigest: digest),
            new RunRecorderOptions { Prices = settings.Prices, AgentSpecVersions = agentVersions, Time = settings.Time, OnFrame = settings.OnFrame },
            cancellationToken).ConfigureAwait(false);
    }
}
