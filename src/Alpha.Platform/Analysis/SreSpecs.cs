using System.Globalization;
using Alpha.Platform.Specs;
using Alpha.Sre.Agents;
using Alpha.Sre.Analysis;

namespace Alpha.Platform.Analysis;

/// <summary>
/// The specs an <see cref="SreAnalyzer"/> actually runs, derived from its options: the analysis spec
/// (<c>incident_analysis</c>: the four specialists, synthesis, top_k, thresholds, human-review rule) and one
/// agent spec per agent with the model its routing gives it. With the default options the analysis spec is
/// exactly examples/specs/incident_analysis.yaml (same hash).
/// </summary>
public static class SreSpecs
{
    /// <summary>The analysis spec's name.</summary>
    public const string AnalysisName = "incident_analysis";

    /// <summary>The synthesis agent's name.</summary>
    public const string SynthesisAgent = "synthesis";

    private static readonly Dictionary<string, (string Kind, string Description)> Known = new(StringComparer.Ordinal)
    {
        ["logs"] = ("log", "Mines log templates and error bursts into signals and proposes the faults they point to."),
        ["metrics"] = ("metrics", "Finds change points and saturation in metric series and proposes the faults they point to."),
        ["commits"] = ("commit", "Ranks recent commits and deployments by risk and timing against the incident."),
        ["config"] = ("config", "Checks configuration values and recent config changes against the symptoms."),
        [SynthesisAgent] = ("synthesis", "Writes the conclusion and next steps from the ranked hypotheses."),
    };

    /// <summary>The analysis spec of <paramref name="analyzer"/> run with <paramref name="options"/>.</summary>
    public static AnalysisSpec Analysis(SreAnalyzer analyzer, SreAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(options);
        var runtime = options.Runtime;
        return new AnalysisSpec(
            AnalysisName,
            "Incident root-cause analysis: log, metrics, commit and config specialists in parallel, a deterministic judge, agreement-aware ranking, then a synthesis.",
            [.. analyzer.Runtime.Agents.GetAll().Select(a => new SpecReference(a.Name))],
            new SpecReference(SynthesisAgent),
            runtime.Aggregator.TopK,
            new AnalysisThresholds(runtime.Aggregator.AgreementBonus, runtime.Executor.DefaultAgentTimeout.TotalSeconds),
            new HumanReviewRule(runtime.HumanReview.MinTopScore, runtime.HumanReview.MinMargin));
    }

    /// <summary>One agent spec per agent of <paramref name="analyzer"/> plus the synthesis agent, with their effective models.</summary>
    public static IReadOnlyList<AgentSpec> Agents(SreAnalyzer analyzer, SreAnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(options);
        var specs = new List<AgentSpec>();
        foreach (var agent in analyzer.Runtime.Agents.GetAll())
        {
            var model = agent.ChatClient is null ? AgentSpec.DeterministicModel : ModelOf(agent.Name, options);
            specs.Add(Agent(agent.Name, model, agent.Timeout));
        }

        var synthesisModel = options.Deterministic || ModelRouting.OptionsFor(SynthesisAgent, options.Environment) is null
            ? AgentSpec.DeterministicModel
            : ModelOf(SynthesisAgent, options);
        specs.Add(Agent(SynthesisAgent, synthesisModel, null));
        return specs;
    }

    private static string ModelOf(string agent, SreAnalyzerOptions options) =>
        ModelRouting.ModelFor(agent, options.Environment) ?? AgentSpec.DeterministicModel;

    private static AgentSpec Agent(string name, string model, TimeSpan? timeout)
    {
        var (kind, description) = Known.TryGetValue(name, out var known)
            ? known
            : ("llm", string.Create(CultureInfo.InvariantCulture, $"The {name} agent."));
        return new AgentSpec(name, description, model, kind, TimeoutSeconds: timeout?.TotalSeconds);
    }
}
