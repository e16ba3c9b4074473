using System.Text.Json.Nodes;
using Alpha.Server.Http;
using Alpha.Server.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alpha.Server.Routes;

/// <summary>
/// <c>/agentic/models/*</c> and <c>/agentic/vllm/*</c>: the configured model providers with a health probe, Ollama pulls
/// with progress frames and deletes, and the vLLM profiles of <c>configs/llm/</c>. No answer carries a key.
/// </summary>
internal static class ModelRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/agentic").WithTags("models");
        group.MapGet("/models/running", RunningAsync)
            .WithSummary("Configured model providers (environment, active vLLM profile) with a health probe each and the models they serve");
        group.MapPost("/models/pull", PullAsync)
            .WithSummary("Pull a model into the configured Ollama ({name}): 202 {task_id}; progress frames at /chat/stream/{task_id}");
        group.MapDelete("/models/{**name}", DeleteAsync)
            .WithSummary("Delete a model from the configured Ollama");
        group.MapGet("/vllm/profiles", (LlmProfiles profiles) => Results.Ok(new { Folder = profiles.Folder, Profiles = profiles.List().Select(p => ProfileView(p, profiles)) }))
            .WithSummary("The vLLM profiles of configs/llm/*.yaml (ALPHA_LLM_PROFILES), invalid ones with their errors");
        group.MapPost("/vllm/start", StartAsync)
            .WithSummary("Make a vLLM profile ({profile}) the endpoint of workflow agents; answers it with a health probe");
    }

    private static async Task<IResult> RunningAsync(ModelProviders providers, LlmProfiles profiles, CancellationToken ct)
    {
        var list = providers.List();
        var probes = await Task.WhenAll(list.Select(p => providers.ProbeAsync(p, ct)));
        return Results.Ok(new
        {
            Providers = list.Select((p, i) => ProviderView(p, probes[i])),
            ActiveProfile = profiles.Active?.Name,
        });
    }

    private static async Task<IResult> PullAsync(HttpContext context, ServerOptions options, ModelPulls pulls, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(context.Request, options.Limits, ct);
        if (body is null)
        {
            return problem!;
        }

        if (body["name"] is not JsonValue value || !value.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace))
        {
            return Problems.Field("name", "must be a model name such as llama3.2:1b");
        }

        if (pulls.Start(name) is not { } pull)
        {
            return NoOllama();
        }

        return Results.Accepted($"/chat/stream/{pull.TaskId}", new { pull.TaskId, pull.Name, Stream = $"/chat/stream/{pull.TaskId}" });
    }

    private static async Task<IResult> DeleteAsync(string name, ModelProviders providers, CancellationToken ct)
    {
        using var client = providers.OllamaClient();
        if (client is null)
        {
            return NoOllama();
        }

        try
        {
            await client.DeleteModelAsync(new OllamaSharp.Models.DeleteModelRequest { Model = name }, ct);
            return Results.Ok(new { Name = name, Deleted = true });
        }
        catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return Problems.NotFound($"Ollama has no model '{name}'; GET /agentic/models/running lists them");
        }
        catch (HttpRequestException ex)
        {
            return Problems.Status(StatusCodes.Status502BadGateway, "Ollama failed", ex.StatusCode is { } s ? $"Ollama answered HTTP {(int)s}" : "Ollama is unreachable");
        }
    }

    private static async Task<IResult> StartAsync(HttpContext context, ServerOptions options, LlmProfiles profiles, ModelProviders providers, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(context.Request, options.Limits, ct);
        if (body is null)
        {
            return problem!;
        }

        if (body["profile"] is not JsonValue value || !value.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
        {
            return Problems.Field("profile", "must be a profile name (a file of the profiles folder without .yaml); GET /agentic/vllm/profiles lists them");
        }

        if (profiles.Find(name) is not { } profile)
        {
            return Problems.NotFound($"no profile '{name}' in {profiles.Folder}; GET /agentic/vllm/profiles lists them");
        }

        if (!profile.Valid)
        {
            return Problems.Status(
                StatusCodes.Status400BadRequest,
                "Invalid profile",
                $"profile '{name}' ({profile.File}) is not valid: {string.Join("; ", profile.Errors.Select(e => $"{e.Field}: {e.Message}"))}",
                new Dictionary<string, object?> { ["errors"] = profile.Errors.Select(ErrorView).ToArray() });
        }

        profiles.Start(profile);
        var provider = providers.List().First(p => p.Active);
        var probe = await providers.ProbeAsync(provider, ct);
        return Results.Ok(new { Profile = ProfileView(profile, profiles), Health = probe.Health });
    }

    private static IResult NoOllama() =>
        Problems.Conflict($"no Ollama is configured: set {ModelProviders.OllamaUrlVariable} (e.g. http://127.0.0.1:11434) and restart the server");

    private static object ProviderView(ModelProvider provider, (ProviderHealth Health, IReadOnlyList<string> Models, IReadOnlyList<string>? Running) probe) => new
    {
        provider.Name,
        provider.Kind,
        provider.BaseUrl,
        ApiKeySet = provider.ApiKey.Length > 0,
        provider.Active,
        Models = probe.Models.Count > 0 ? probe.Models : provider.Models,
        probe.Running,
        probe.Health,
    };

    private static object ProfileView(LlmProfile profile, LlmProfiles profiles) => new
    {
        profile.Name,
        profile.File,
        BaseUrl = profile.BaseUrl?.ToString(),
        profile.Models,
        profile.ApiKeyEnv,
        ApiKeySet = profiles.KeyOf(profile).Length > 0,
        profile.Description,
        Active = profiles.Active?.Name == profile.Name,
        profile.Valid,
        Errors = profile.Errors.Select(ErrorView),
    };

    private static Dictionary<string, object?> ErrorView(ProfileError error) => new() { ["field"] = error.Field, ["line"] = error.Line, ["message"] = error.Message };
}
