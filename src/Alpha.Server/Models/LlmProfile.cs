namespace Alpha.Server.Models;

/// <summary>
/// A vLLM profile: one YAML file under <c>configs/llm/</c> naming an OpenAI-compatible endpoint and the models it serves.
/// It names the variable holding the key (<see cref="ApiKeyEnv"/>), never the key.
/// </summary>
/// <param name="Name">The file name without <c>.yaml</c>/<c>.yml</c>.</param>
/// <param name="File">The file's path.</param>
/// <param name="BaseUrl">The endpoint (absolute http(s)); null when missing or invalid.</param>
/// <param name="Models">The served model ids.</param>
/// <param name="ApiKeyEnv">The environment variable holding the key; null for none.</param>
/// <param name="Description">A note for people.</param>
/// <param name="Errors">What is wrong with the file; empty when it is valid.</param>
public sealed record LlmProfile(string Name, string File, Uri? BaseUrl, IReadOnlyList<string> Models, string? ApiKeyEnv, string? Description, IReadOnlyList<ProfileError> Errors)
{
    /// <summary>True when the profile can be started.</summary>
    public bool Valid => Errors.Count == 0 && BaseUrl is not null;
}
