using System.Text.Json;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Specs;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Analysis;
using Alpha.Workflows.Nodes;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// The incident-analysis <c>execution</c> node: the full SRE analysis (the spec's thresholds, the node's specialists
/// in parallel, the deterministic judge, agreement-aware ranking, then synthesis when the node lists it) on the run's
/// <c>incident</c> input. Each agent with a model reasons through the node's per-agent client (cost caps, step
/// recording, recorded replay). The output is the ranked hypotheses and the judge's rejections as JSON.
/// </summary>
internal sealed class IncidentAnalysisNodeBody(AnalysisSpec spec) : WorkflowNodeBody
{
    protected override async Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        var incident = await IncidentInputs.LoadAsync(invocation.Inputs, cancellationToken).ConfigureAwait(false);
        var watch = new RunStopWatch();
        var specialists = spec.Agents.Select(a => a.Name).ToArray();
        var analyzer = new SreAnalyzer(new SreAnalyzerOptions
        {
            Runtime = AnalysisComposer.RuntimeOptionsOf(spec),
            Agents = specialists,
            Synthesis = spec.Synthesis is not null,
            ChatClients = watch.ClientsFor(invocation, spec.Synthesis is { } s ? [.. specialists, s.Name] : specialists),
        });
        var report = await analyzer.AnalyzeAsync(incident, cancellationToken: cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        watch.ThrowIfStopped();
        return JsonSerializer.Serialize(
            new
            {
                deploymentId = report.DeploymentId,
                analysis = spec.Name,
                requiresHumanReview = report.RequiresHumanReview,
                reviewReasons = report.ReviewReasons,
                rankedHypotheses = report.RankedHypotheses,
                rejected = report.Rejected,
                summary = report.Synthesis.Summary,
            },
            AlphaJson.Options);
    }
}
