using Alpha.Platform.Specs;
using Alpha.Runtime;
using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Execution;
using Alpha.Runtime.Llm;
using Alpha.Sre.Agents;
using Alpha.Sre.Analysis;
using Microsoft.Extensions.AI;

namespace Alpha.Hosting.Analysis;

/// <summary>
/// The one composition path: an <see cref="AnalysisSpec"/> builds the <see cref="SreAnalyzer"/>. The spec names
/// the specialists (run in parallel, in its order), the synthesis agent, top_k, the agreement bonus, the agent
/// timeout and the human-review rule; each agent's spec comes from the SRE catalogue (<see cref="SreAgents"/>)
/// with its model chosen once, here, by <see cref="ModelRouting"/> (deterministic when none is configured or
/// <see cref="AnalysisCompositionOptions.Deterministic"/> is set). The model client each agent gets is built from
/// that same agent spec, so what the ledger records is what ran.
/// </summary>
public static class AnalysisComposer
{
    /// <summary>Composes the analysis <paramref name="spec"/> describes.</summary>
    /// <exception cref="SpecValidationException">The spec names an agent the SRE vertical does not have, or pins a version.</exception>
    public static ComposedAnalysis Compose(AnalysisSpec spec, AnalysisCompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var o = options ?? new AnalysisCompositionOptions();
        var effective = o.TopK is { } topK ? spec with { TopK = topK } : spec;
        var errors = new List<SpecError>();
        for (var i = 0; i < effective.Agents.Count; i++)
        {
            Check(effective.Name, effective.Agents[i], $"agents[{i}]", specialist: true, errors);
        }

        if (effective.Synthesis is { } synthesisReference)
        {
            Check(effective.Name, synthesisReference, "synthesis", specialist: false, errors);
        }

        if (errors.Count > 0)
        {
            throw new SpecValidationException(errors);
        }

        var names = effective.Agents.Select(a => a.Name).ToList();
        if (effective.Synthesis is not null)
        {
            names.Add(SreAgents.Synthesis);
        }

        var agentSpecs = new List<AgentSpec>(names.Count);
        var clients = new Dictionary<string, IChatClient>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var (agentSpec, endpoint) = AgentSpecOf(name, o);
            agentSpecs.Add(agentSpec);
            if (endpoint is not null)
            {
                clients[name] = new OpenAICompatibleChatClient(endpoint, o.Time);
            }
        }

        var analyzer = new SreAnalyzer(
            new SreAnalyzerOptions
            {
                Runtime = RuntimeOptionsOf(effective),
                Agents = [.. effective.Agents.Select(a => a.Name)],
                Synthesis = effective.Synthesis is not null,
                ChatClients = clients,
            },
            o.Time,
            o.Events);
        return new ComposedAnalysis(effective, agentSpecs, analyzer);
    }

    /// <summary>Reads the spec in <paramref name="specPath"/> (the shipped one when null) and composes it.</summary>
    /// <exception cref="SpecValidationException">The spec is missing, invalid, not an analysis, or names an unknown agent (with the file and line).</exception>
    public static async Task<ComposedAnalysis> ComposeAsync(string? specPath, AnalysisCompositionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var spec = await AnalysisSpecs.LoadAsync(specPath, cancellationToken).ConfigureAwait(false);
        try
        {
            return Compose(spec, options);
        }
        catch (SpecValidationException ex) when (specPath is not null)
        {
            // Found on the bound spec, which has no positions: the field's line is looked up in the file.
            throw await SpecLines.LocateAsync(ex, specPath, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The runtime options an analysis spec sets; what the spec does not set keeps the runtime's defaults.</summary>
    public static AlphaRuntimeOptions RuntimeOptionsOf(AnalysisSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new AlphaRuntimeOptions
        {
            Executor = new ExecutorOptions { DefaultAgentTimeout = TimeSpan.FromSeconds(spec.Thresholds.AgentTimeoutSeconds) },
            Aggregator = new AggregatorOptions { TopK = spec.TopK, AgreementBonus = spec.Thresholds.AgreementBonus },
            HumanReview = new HumanReviewPolicy { MinTopScore = spec.HumanReview.MinTopScore, MinMargin = spec.HumanReview.MinMargin },
        };
    }

    private static void Check(string source, SpecReference reference, string field, bool specialist, List<SpecError> errors)
    {
        var known = specialist ? SreAgents.Specialists.Contains(reference.Name) : reference.Name == SreAgents.Synthesis;
        if (!known)
        {
            var choices = specialist ? string.Join(", ", SreAgents.Specialists) : SreAgents.Synthesis;
            errors.Add(new SpecError(source, null, field, $"'{reference.Name}' is not a known agent here; use one of {choices}"));
        }
        else if (reference.Version is not null)
        {
            errors.Add(new SpecError(source, null, field, $"'{reference.Name}@{reference.Version}': pinned agent spec versions are not supported by an analysis yet; name the agent without @version"));
        }
    }

    /// <summary>The agent spec <paramref name="name"/> runs with, and the endpoint of its model (null: deterministic).</summary>
    private static (AgentSpec Spec, OpenAICompatibleOptions? Endpoint) AgentSpecOf(string name, AnalysisCompositionOptions options)
    {
        var info = SreAgents.Describe(name)!;
        var model = options.Deterministic ? null : ModelRouting.ModelFor(name, options.Environment);
        // A model with no endpoint to reach it runs deterministically, and is recorded so.
        var endpoint = model is null ? null : LlmEndpoints.FromEnvironment(model, options.Environment);
        return (new AgentSpec(name, info.Description, endpoint is null ? AgentSpec.DeterministicModel : model!, info.Kind), endpoint);
    }
}
