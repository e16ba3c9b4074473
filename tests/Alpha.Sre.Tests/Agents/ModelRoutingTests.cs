using Alpha.Runtime.Llm;
using Alpha.Sre.Agents;

namespace Alpha.Sre.Tests.Agents;

public sealed class ModelRoutingTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Key == name).Value;

    [Fact]
    public void ModelFor_NothingConfigured_IsDeterministic()
    {
        Assert.Null(ModelRouting.ModelFor("logs", Env()));
    }

    [Fact]
    public void ModelFor_OpenRouterKeyOnly_UsesTheSeedDefaults()
    {
        var env = Env(("OPENROUTER_API_KEY", "k"));

        Assert.Equal("anthropic/claude-sonnet-4-6", ModelRouting.ModelFor("logs", env));
        Assert.Equal("anthropic/claude-sonnet-4-6", ModelRouting.ModelFor("commits", env));
        Assert.Equal("google/gemini-2.0-flash", ModelRouting.ModelFor("metrics", env));
        Assert.Equal("google/gemini-2.0-flash", ModelRouting.ModelFor("config", env));
        Assert.Equal(new Uri("https://openrouter.ai/api/v1"), LlmEndpoints.FromEnvironment(ModelRouting.ModelFor("logs", env)!, env)!.Endpoint);
    }

    [Fact]
    public void ModelFor_PerAgentOverridesGlobal_AndDeterministicOptsOut()
    {
        var env = Env(("ALPHA_LLM_BASE_URL", "http://127.0.0.1:11434/v1"), ("ALPHA_MODEL", "llama3.1"), ("ALPHA_MODEL_METRICS", "qwen2.5"), ("ALPHA_MODEL_CONFIG", "deterministic"));

        Assert.Equal("llama3.1", ModelRouting.ModelFor("logs", env));
        Assert.Equal("qwen2.5", ModelRouting.ModelFor("metrics", env));
        Assert.Null(ModelRouting.ModelFor("config", env));
        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), LlmEndpoints.FromEnvironment(ModelRouting.ModelFor("logs", env)!, env)!.Endpoint);
    }

    [Fact]
    public void ModelFor_BaseUrlWithoutModel_StaysDeterministic()
    {
        Assert.Null(ModelRouting.ModelFor("logs", Env(("ALPHA_LLM_BASE_URL", "http://127.0.0.1:8000/v1"), ("OPENROUTER_API_KEY", "k"))));
    }
}
