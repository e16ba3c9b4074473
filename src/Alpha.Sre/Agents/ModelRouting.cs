namespace Alpha.Sre.Agents;

/// <summary>
/// Which model each SRE agent uses. Per agent: <c>ALPHA_MODEL_LOGS</c>, <c>ALPHA_MODEL_METRICS</c>,
/// <c>ALPHA_MODEL_COMMITS</c>, <c>ALPHA_MODEL_CONFIG</c>, <c>ALPHA_MODEL_SYNTHESIS</c>; for all: <c>ALPHA_MODEL</c>.
/// A value of <c>deterministic</c> keeps that agent model-free. When nothing is set, the seed's choice applies
/// only if <c>OPENROUTER_API_KEY</c> is set (logs and commits: anthropic/claude-sonnet-4-6; metrics, config
/// and synthesis: google/gemini-2.0-flash). With no endpoint configured every agent is deterministic.
/// </summary>
public static class ModelRouting
{
    /// <summary>The seed's OpenRouter defaults, used only when OPENROUTER_API_KEY is set and nothing else is configured.</summary>
    public static IReadOnlyDictionary<string, string> OpenRouterDefaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["logs"] = "anthropic/claude-sonnet-4-6",
        ["commits"] = "anthropic/claude-sonnet-4-6",
        ["metrics"] = "google/gemini-2.0-flash",
        ["config"] = "google/gemini-2.0-flash",
        ["synthesis"] = "google/gemini-2.0-flash",
    };

    /// <summary>The model for <paramref name="agent"/>, or null for deterministic.</summary>
    public static string? ModelFor(string agent, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var specific = env($"ALPHA_MODEL_{agent.ToUpperInvariant()}");
        var model = !string.IsNullOrWhiteSpace(specific) ? specific : env("ALPHA_MODEL");
        if (string.Equals(model, "deterministic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(model))
        {
            return model;
        }

        return string.IsNullOrWhiteSpace(env("ALPHA_LLM_BASE_URL")) && !string.IsNullOrWhiteSpace(env("OPENROUTER_API_KEY"))
            ? OpenRouterDefaults.GetValueOrDefault(agent)
            : null;
    }
}
