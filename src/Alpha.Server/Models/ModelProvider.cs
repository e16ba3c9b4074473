namespace Alpha.Server.Models;

/// <summary>A configured model endpoint. Its key stays in <see cref="ApiKey"/>, which no answer, frame or log carries.</summary>
/// <param name="Name"><c>llm</c>, <c>openrouter</c>, <c>ollama</c> or <c>vllm:PROFILE</c>.</param>
/// <param name="Kind"><c>openai-compatible</c>, <c>openrouter</c>, <c>openai</c>, <c>ollama</c> or <c>vllm</c>.</param>
/// <param name="BaseUrl">The endpoint as configured.</param>
/// <param name="ApiKey">The key (empty for none).</param>
/// <param name="Active">True for the provider workflow agents call.</param>
/// <param name="Models">The models configuration names for it (a profile's served models).</param>
public sealed record ModelProvider(string Name, string Kind, string BaseUrl, string ApiKey, bool Active, IReadOnlyList<string> Models)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind}) {BaseUrl}"; // never the key
}
