using Alpha.Platform.Analysis;
using Alpha.Platform.Specs;
using Alpha.Runtime;
using Alpha.Runtime.Aggregation;
using Alpha.Sre.Analysis;

namespace Alpha.Platform.Tests.Recording;

public sealed class SreSpecsTests
{
    [Fact]
    public async Task Analysis_DefaultOptions_IsTheExampleSpec()
    {
        var options = new SreAnalyzerOptions { Environment = _ => null };

        var spec = SreSpecs.Analysis(new SreAnalyzer(options), options);

        var example = await SpecLoader.LoadAsync(SpecExamples.Path("incident_analysis.yaml"));
        Assert.Equal(SpecCanonicalizer.ToCanonicalJson(example), SpecCanonicalizer.ToCanonicalJson(spec));
    }

    [Fact]
    public void Analysis_TopK_ChangesTheSpec()
    {
        var options = new SreAnalyzerOptions { Environment = _ => null, Runtime = new AlphaRuntimeOptions { Aggregator = new AggregatorOptions { TopK = 3 } } };

        var spec = SreSpecs.Analysis(new SreAnalyzer(options), options);

        Assert.Equal(3, spec.TopK);
    }

    [Fact]
    public void Agents_ModelRouting_GivesEachAgentItsModel()
    {
        var env = new Dictionary<string, string> { ["ALPHA_LLM_BASE_URL"] = "http://127.0.0.1:9/v1", ["ALPHA_MODEL_LOGS"] = "openai/gpt-4o" };
        var options = new SreAnalyzerOptions { Environment = name => env.GetValueOrDefault(name) };

        var agents = SreSpecs.Agents(new SreAnalyzer(options), options).ToDictionary(a => a.Name);

        Assert.Equal(["logs", "metrics", "commits", "config", "synthesis"], agents.Keys);
        Assert.Equal(("openai/gpt-4o", "log"), (agents["logs"].Model, agents["logs"].AgentKind));
        Assert.Equal(AgentSpec.DeterministicModel, agents["metrics"].Model);
        Assert.Equal(AgentSpec.DeterministicModel, SreSpecs.Agents(new SreAnalyzer(options with { Deterministic = true }), options with { Deterministic = true })[0].Model);
    }
}
