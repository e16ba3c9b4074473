using Alpha.Runtime.Llm;

namespace Alpha.Runtime.Tests.Llm;

public sealed class LlmEndpointsTests
{
    [Fact]
    public void FromEnvironment_OpenRouterKeyOnly_UsesOpenRouter()
    {
        var env = Env(("OPENROUTER_API_KEY", "or-key"));

        var options = LlmEndpoints.FromEnvironment("anthropic/claude-3.5-haiku", env);

        Assert.NotNull(options);
        Assert.Equal(new Uri("https://openrouter.ai/api/v1"), options.Endpoint);
        Assert.Equal("or-key", options.ApiKey);
        Assert.Equal("anthropic/claude-3.5-haiku", options.Model);
        Assert.Equal("openrouter", options.ProviderName);
    }

    [Fact]
    public void FromEnvironment_BaseUrlSet_OverridesOpenRouterWithItsOwnKey()
    {
        var env = Env(("ALPHA_LLM_BASE_URL", "http://gpu-box:8000/v1"), ("ALPHA_LLM_API_KEY", "local-key"), ("OPENROUTER_API_KEY", "or-key"));

        var options = LlmEndpoints.FromEnvironment("qwen2.5", env);

        Assert.NotNull(options);
        Assert.Equal(new Uri("http://gpu-box:8000/v1"), options.Endpoint);
        Assert.Equal("local-key", options.ApiKey);
        Assert.Equal("qwen2.5", options.Model);
    }

    [Theory]
    [InlineData(null, 60)]
    [InlineData("600", 600)]
    [InlineData("0", -1)]
    public void FromEnvironment_TimeoutVariable_SetsTheCallTimeout(string? value, int expectedSeconds)
    {
        var env = value is null ? Env(("ALPHA_LLM_BASE_URL", "http://localhost:11434/v1")) : Env(("ALPHA_LLM_BASE_URL", "http://localhost:11434/v1"), ("ALPHA_LLM_TIMEOUT_SECONDS", value));

        var options = LlmEndpoints.FromEnvironment("llama3.1", env);

        Assert.Equal(expectedSeconds < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(expectedSeconds), options!.Timeout);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void FromEnvironment_BadTimeout_SaysWhichVariableAndHowToFixIt(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LlmEndpoints.FromEnvironment("m", Env(("OPENROUTER_API_KEY", "k"), ("ALPHA_LLM_TIMEOUT_SECONDS", value))));

        Assert.Contains("ALPHA_LLM_TIMEOUT_SECONDS", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_BaseUrlWithoutKey_UsesEmptyKey()
    {
        var options = LlmEndpoints.FromEnvironment("llama3.1", Env(("ALPHA_LLM_BASE_URL", "http://localhost:11434/v1")));

        Assert.NotNull(options);
        Assert.Equal(string.Empty, options.ApiKey);
        Assert.Equal("ollama", options.ProviderName);
        options.Validate();
    }

    [Fact]
    public void FromEnvironment_NothingSet_ReturnsNull()
    {
        var options = LlmEndpoints.FromEnvironment("any-model", Env(("OPENROUTER_API_KEY", "  "), ("ALPHA_LLM_BASE_URL", "")));

        Assert.Null(options);
    }

    [Fact]
    public void FromEnvironment_InvalidBaseUrl_ThrowsNamingTheVariable()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LlmEndpoints.FromEnvironment("m", Env(("ALPHA_LLM_BASE_URL", "localhost:11434"))));

        Assert.Contains("ALPHA_LLM_BASE_URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("localhost:11434", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ollama", "http://localhost:11434/v1", "")]
    [InlineData("vllm", "http://localhost:8000/v1", "")]
    [InlineData("OpenAI", "https://api.openai.com/v1", "sk-openai")]
    [InlineData("openrouter", "https://openrouter.ai/api/v1", "or-key")]
    public void FromPreset_KnownName_ReturnsItsEndpointAndKey(string preset, string endpoint, string apiKey)
    {
        var env = Env(("OPENAI_API_KEY", "sk-openai"), ("OPENROUTER_API_KEY", "or-key"));

        var options = LlmEndpoints.FromPreset(preset, "some-model", env);

        Assert.Equal(new Uri(endpoint), options.Endpoint);
        Assert.Equal(apiKey, options.ApiKey);
        Assert.Equal("some-model", options.Model);
        options.Validate();
    }

    [Fact]
    public void FromPreset_OpenAIWithoutKey_ThrowsNamingTheVariable()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => LlmEndpoints.FromPreset("openai", "gpt-4o-mini", Env()));

        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPreset_UnknownName_ThrowsListingKnownPresets()
    {
        var ex = Assert.Throws<ArgumentException>(() => LlmEndpoints.FromPreset("bedrock", "m", Env()));

        Assert.Contains("bedrock", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ollama", ex.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
