using Alpha.Platform.Specs;
using Alpha.Runtime.Llm;
using Microsoft.Extensions.AI;

namespace Alpha.Server.Models;

/// <summary>
/// The vLLM profiles of <c>configs/llm/</c> (or <c>ALPHA_LLM_PROFILES</c>), read afresh on every call, and the one
/// started (<c>POST /agentic/vllm/start</c>): while one is active, every workflow agent whose model is not
/// deterministic calls it. The active profile lives in this process only.
/// </summary>
public sealed class LlmProfiles(ServerOptions options)
{
    /// <summary>The variable naming the profiles' folder.</summary>
    public const string FolderVariable = "ALPHA_LLM_PROFILES";

    private volatile LlmProfile? _active;

    /// <summary>The folder the profiles are read from.</summary>
    public string Folder => options.Environment(FolderVariable) is { Length: > 0 } folder ? folder : Path.Combine("configs", "llm");

    /// <summary>The started profile; null when none is.</summary>
    public LlmProfile? Active => _active;

    /// <summary>Every profile file of the folder (valid or not), by name.</summary>
    public IReadOnlyList<LlmProfile> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => LlmProfileReader.Read(f, File.ReadAllText(f)))];
    }

    /// <summary>The profile named <paramref name="name"/>; null when there is none.</summary>
    public LlmProfile? Find(string name) => List().FirstOrDefault(p => p.Name == name);

    /// <summary>Makes <paramref name="profile"/> the endpoint of workflow agents.</summary>
    public void Start(LlmProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!profile.Valid)
        {
            throw new ArgumentException($"profile '{profile.Name}' is not valid", nameof(profile));
        }

        _active = profile;
    }

    /// <summary>The key of <paramref name="profile"/> from the environment (empty when it names none or it is unset).</summary>
    internal string KeyOf(LlmProfile profile) => profile.ApiKeyEnv is { } variable ? options.Environment(variable) ?? string.Empty : string.Empty;

    /// <summary>The model clients of a dispatch: the active profile's endpoint, else <paramref name="configured"/>.</summary>
    public Func<AgentSpec, IChatClient>? ModelClients(Func<AgentSpec, IChatClient>? configured)
    {
        if (_active is not { } profile)
        {
            return configured;
        }

        var key = KeyOf(profile);
        return agent => new OpenAICompatibleChatClient(LlmEndpoints.Vllm(agent.Model, key, profile.BaseUrl), options.Time);
    }
}
