using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Specs;

public sealed class SpecHashTests
{
    private const string AgentYaml = """
        kind: agent
        name: research_lite
        description: Answers a question.
        model: openai/gpt-4o-mini
        agent_kind: llm
        system_prompt: |
          Be careful.
          Cite sources.
        tools: [web_search, fetch_url]
        timeout_seconds: 60
        cost_caps:
          per_node_max_tokens: 8000
        """;

    [Fact]
    public void Hash_YamlAndEquivalentJson_Equal()
    {
        const string json = """
            {
              "cost_caps": {"per_node_max_tokens": 8000.0},
              "timeout_seconds": 6e1,
              "tools": ["web_search", "fetch_url"],
              "system_prompt": "Be careful.\nCite sources.\n",
              "agent_kind": "llm",
              "model": "openai/gpt-4o-mini",
              "description": "Answers a question.",
              "name": "research_lite",
              "kind": "agent"
            }
            """;

        var fromYaml = SpecLoader.Parse(AgentYaml, "a.yaml");
        var fromJson = SpecLoader.Parse(json, "a.json");

        Assert.Equal(SpecCanonicalizer.Hash(fromYaml), SpecCanonicalizer.Hash(fromJson));
        Assert.Equal(64, SpecCanonicalizer.Hash(fromYaml).Length);
    }

    [Fact]
    public void Hash_KeyOrderCommentsAndWhitespace_Equal()
    {
        const string reordered = """
            # same agent, fields shuffled, flow style, comments and blank lines

            cost_caps: { per_node_max_tokens: 8000 }
            tools:
              - web_search      # first
              - fetch_url
            timeout_seconds: 60.0
            agent_kind: llm
            system_prompt: "Be careful.\nCite sources.\n"
            model: openai/gpt-4o-mini
            name: research_lite
            kind: agent
            description:   Answers a question.
            """;

        Assert.Equal(SpecCanonicalizer.Hash(SpecLoader.Parse(AgentYaml, "a.yaml")), SpecCanonicalizer.Hash(SpecLoader.Parse(reordered, "b.yaml")));
    }

    [Fact]
    public void Hash_KnownSpec_IsStableAcrossReleases()
    {
        // Locks the hash rule itself: if this changes, every stored spec_hash would stop matching its content.
        var spec = SpecLoader.Parse("kind: agent\nname: a\nmodel: deterministic\nagent_kind: log\n", "a.yaml");

        Assert.Equal("""{"agent_kind":"log","kind":"agent","model":"deterministic","name":"a"}""", SpecCanonicalizer.ToCanonicalJson(spec));
        Assert.Equal("bdc19bd6fe6575fdf6acd9779b10f9a2463db513a81af3e69c30c03efa1a0d80", SpecCanonicalizer.Hash(spec));
    }

    [Theory]
    [InlineData("name: research_lite", "name: research_lite2")]
    [InlineData("description: Answers a question.", "description: Answers a question!")]
    [InlineData("model: openai/gpt-4o-mini", "model: openai/gpt-4o")]
    [InlineData("agent_kind: llm", "agent_kind: log")]
    [InlineData("  Cite sources.", "  Cite sources!")]
    [InlineData("tools: [web_search, fetch_url]", "tools: [fetch_url, web_search]")]
    [InlineData("tools: [web_search, fetch_url]", "tools: [web_search]")]
    [InlineData("timeout_seconds: 60", "timeout_seconds: 61")]
    [InlineData("  per_node_max_tokens: 8000", "  per_node_max_tokens: 8001")]
    public void Hash_AnyFieldChange_Differs(string before, string after)
    {
        var changed = AgentYaml.Replace(before, after, StringComparison.Ordinal);
        Assert.NotEqual(AgentYaml, changed);

        Assert.NotEqual(SpecCanonicalizer.Hash(SpecLoader.Parse(AgentYaml, "a.yaml")), SpecCanonicalizer.Hash(SpecLoader.Parse(changed, "a.yaml")));
    }

    [Fact]
    public void Hash_OmittedAndEmptyOptionalFields_Equal()
    {
        var omitted = SpecLoader.Parse("kind: agent\nname: a\nmodel: deterministic\nagent_kind: log\n", "a.yaml");
        var empty = SpecLoader.Parse("kind: agent\nname: a\nmodel: deterministic\nagent_kind: log\ntools: []\ndescription: null\ncost_caps: {}\n", "a.yaml");

        Assert.Equal(SpecCanonicalizer.Hash(omitted), SpecCanonicalizer.Hash(empty));
    }

    [Fact]
    public void Hash_ReferenceShorthands_Equal()
    {
        const string template = """
            kind: workflow
            name: w
            nodes:
              - id: a
                adapter: graph
                NODE_A
              - id: b
                adapter: debate
                agents: [x, y]
            edges:
              - {from: a, to: b}
            """;
        var shorthand = SpecLoader.Parse(template.Replace("NODE_A", "agent: research_lite@2", StringComparison.Ordinal), "w.yaml");
        var longhand = SpecLoader.Parse(template.Replace("NODE_A", "agents:\n      - {name: research_lite, version: 2}", StringComparison.Ordinal), "w.yaml");
        var unpinned = SpecLoader.Parse(template.Replace("NODE_A", "agent: research_lite", StringComparison.Ordinal), "w.yaml");

        Assert.Equal(SpecCanonicalizer.Hash(shorthand), SpecCanonicalizer.Hash(longhand));
        Assert.NotEqual(SpecCanonicalizer.Hash(shorthand), SpecCanonicalizer.Hash(unpinned));
    }

    [Fact]
    public void Hash_AnalysisDefaults_EqualExplicitValues()
    {
        var defaults = SpecLoader.Parse("kind: analysis\nname: x\nagents: [logs]\n", "a.yaml");
        var explicitValues = SpecLoader.Parse(
            "kind: analysis\nname: x\nagents: [logs]\ntop_k: 5\nthresholds: {agreement_bonus: 0.1, agent_timeout_seconds: 30}\nhuman_review: {min_top_score: 0.5, min_margin: 0.05}\n",
            "a.yaml");

        Assert.Equal(SpecCanonicalizer.Hash(defaults), SpecCanonicalizer.Hash(explicitValues));
    }
}
