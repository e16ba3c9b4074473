using System.Net;
using Alpha.Testing.Loopback;

namespace Alpha.Server.Tests;

public sealed class ModelRoutesTests
{
    private const string Key = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Pull_LoopbackOllama_ProgressFramesInOrderThenCompleted()
    {
        await using var ollama = await LoopbackOllamaServer.StartAsync();
        await using var fx = await StartAsync(ollama);

        var response = await fx.Client.PostAsync("/agentic/models/pull", ServerFixture.Json("{\"name\": \"tiny:1b\"}"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var taskId = (string)(await ServerFixture.ReadAsync(response))["task_id"]!;
        var events = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");

        var frames = events.Where(e => e.Name == "frame").Select(e => e.Data).ToArray();
        Assert.Equal("model.pull.started", (string)frames[0]["stage"]!);
        Assert.Equal("model.pull.completed", (string)frames[^1]["stage"]!);
        var progress = frames.Where(f => (string)f["stage"]! == "model.pull.progress").Select(f => f["extras"]!).ToArray();
        Assert.Equal("pulling manifest", (string)progress[0]["status"]!);
        // Each layer from 0 to 100 % in the stand-in's four steps, in order.
        var layer = progress.Where(p => (string?)p["digest"] == "sha256:" + new string('b', 64)).Select(p => (double)p["percent"]!).ToArray();
        Assert.Equal([0, 25, 50, 75, 100], layer);
        Assert.Equal(1_000_000, (long)progress.First(p => p["total"] is not null && (long)p["total"]! > 0)["total"]!);
        Assert.Equal("success", (string)progress[^1]["status"]!);
        Assert.Equal(Enumerable.Range(1, frames.Length).Select(i => (long)i), frames.Select(f => (long)f["sequence"]!));
        Assert.Equal("completed", (string)events[^1].Data["status"]!);
        Assert.Contains("tiny:1b", ollama.Models);
        Assert.Contains(ollama.Requests, r => r.Path == "/api/pull" && r.Body.Contains("tiny:1b", StringComparison.Ordinal));

        // A late client gets the same frames from the first.
        var late = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");
        Assert.Equal(events.Count, late.Count);
    }

    [Fact]
    public async Task Pull_UnknownModel_FailedFrameWithOllamasError()
    {
        await using var ollama = await LoopbackOllamaServer.StartAsync();
        ollama.Unknown["ghost:1b"] = true;
        await using var fx = await StartAsync(ollama);

        var taskId = (string)(await ServerFixture.ReadAsync(await fx.Client.PostAsync("/agentic/models/pull", ServerFixture.Json("{\"name\": \"ghost:1b\"}"))))["task_id"]!;
        var events = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");

        var last = events.Last(e => e.Name == "frame").Data;
        Assert.Equal("model.pull.failed", (string)last["stage"]!);
        Assert.Contains("file does not exist", (string)last["extras"]!["error"]!, StringComparison.Ordinal);
        Assert.Equal("failed", (string)events[^1].Data["status"]!);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\": \"two words\"}", "name")]
    public async Task Pull_BadName_ProblemNamesField(string body, string field)
    {
        await using var ollama = await LoopbackOllamaServer.StartAsync();
        await using var fx = await StartAsync(ollama);

        var response = await fx.Client.PostAsync("/agentic/models/pull", ServerFixture.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string)(await ServerFixture.ReadAsync(response))["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task PullAndDelete_NoOllamaConfigured_Conflict()
    {
        await using var fx = await ServerFixture.StartAsync();

        var pull = await fx.Client.PostAsync("/agentic/models/pull", ServerFixture.Json("{\"name\": \"tiny:1b\"}"));
        var delete = await fx.Client.DeleteAsync("/agentic/models/tiny:1b");

        Assert.Equal(HttpStatusCode.Conflict, pull.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("ALPHA_OLLAMA_URL", await pull.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_KnownThenUnknown_OkThenNotFound()
    {
        await using var ollama = await LoopbackOllamaServer.StartAsync(["tiny:1b"]);
        await using var fx = await StartAsync(ollama);

        var first = await fx.Client.DeleteAsync("/agentic/models/tiny:1b");
        var second = await fx.Client.DeleteAsync("/agentic/models/tiny:1b");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((bool)(await ServerFixture.ReadAsync(first))["deleted"]!);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Empty(ollama.Models);
    }

    [Fact]
    public async Task Running_OllamaAndKeyedEndpoint_HealthModelsAndNoKey()
    {
        await using var ollama = await LoopbackOllamaServer.StartAsync(["tiny:1b", "small:3b"]);
        // The stand-in's OpenAI-compatible /v1 is the keyed endpoint too: the key must reach it and nothing else.
        await using var fx = await StartAsync(ollama, new Dictionary<string, string>
        {
            ["ALPHA_LLM_BASE_URL"] = new Uri(ollama.Root, "v1").ToString(),
            ["ALPHA_LLM_API_KEY"] = Key,
        });

        var response = await fx.Client.GetAsync("/agentic/models/running");
        var text = await response.Content.ReadAsStringAsync();
        var providers = (await ServerFixture.ReadAsync(response))["providers"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, string.Join("\n", fx.Logs), StringComparison.Ordinal);
        var llm = providers.Single(p => (string)p!["name"]! == "llm")!;
        Assert.Equal("ok", (string)llm["health"]!["status"]!);
        Assert.True((bool)llm["api_key_set"]!);
        Assert.True((bool)llm["active"]!);
        Assert.Equal(["small:3b", "tiny:1b"], llm["models"]!.AsArray().Select(m => (string)m!));
        var native = providers.Single(p => (string)p!["name"]! == "ollama")!;
        Assert.Equal("ok", (string)native["health"]!["status"]!);
        Assert.Equal(["small:3b"], native["running"]!.AsArray().Select(m => (string)m!));
        Assert.Contains(ollama.Requests, r => r.Path == "/v1/models" && r.Authorization == $"Bearer {Key}");
    }

    [Fact]
    public async Task Running_UnreachableEndpoint_HealthUnreachable()
    {
        // A port nothing listens on: the probe reports it instead of failing the route.
        await using var fx = await ServerFixture.StartAsync(adjust: o => new ServerOptions { Ledger = o.Ledger, Urls = o.Urls, Limits = o.Limits, Environment = v => v == "ALPHA_LLM_BASE_URL" ? "http://127.0.0.1:9/v1" : null });

        var providers = (await ServerFixture.ReadAsync(await fx.Client.GetAsync("/agentic/models/running")))["providers"]!.AsArray();

        Assert.Equal("unreachable", (string)Assert.Single(providers)!["health"]!["status"]!);
    }

    [Fact]
    public async Task Profiles_ValidAndInvalid_ListedWithErrorsByFieldAndLine()
    {
        using var folder = new ProfileFolder();
        folder.Write("gpu.yaml", "base_url: http://127.0.0.1:9/v1\nmodels: [m1]\napi_key_env: GPU_KEY\n");
        folder.Write("bad.yaml", "base_url: gpu-box:8000\nmodels: []\napi_key: " + Key + "\ncolour: red\n");
        await using var fx = await ServerFixture.StartAsync(adjust: o => new ServerOptions { Ledger = o.Ledger, Urls = o.Urls, Limits = o.Limits, Environment = v => v == "ALPHA_LLM_PROFILES" ? folder.Path : v == "GPU_KEY" ? Key : null });

        var response = await fx.Client.GetAsync("/agentic/vllm/profiles");
        var text = await response.Content.ReadAsStringAsync();
        var profiles = (await ServerFixture.ReadAsync(response))["profiles"]!.AsArray();

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        var good = profiles.Single(p => (string)p!["name"]! == "gpu")!;
        Assert.True((bool)good["valid"]!);
        Assert.True((bool)good["api_key_set"]!);
        var bad = profiles.Single(p => (string)p!["name"]! == "bad")!;
        Assert.False((bool)bad["valid"]!);
        var errors = bad["errors"]!.AsArray().Select(e => ((string)e!["field"]!, (long?)e["line"])).ToArray();
        Assert.Equal([("base_url", 1L), ("models", 2L), ("api_key", 3L), ("colour", 4L)], errors);
    }

    [Fact]
    public async Task StartProfile_Valid_ActiveEndpointOfWorkflowAgents()
    {
        await using var model = await LoopbackOpenAIServer.StartAsync();
        model.Enqueue(LoopbackReply.Stream(["from ", "the profile"]));
        using var folder = new ProfileFolder();
        folder.Write("box.yml", $"base_url: {model.CreateOptions().Endpoint}\nmodels: [test-model]\n");
        await using var fx = await ServerFixture.StartAsync(adjust: o => new ServerOptions { Ledger = o.Ledger, Urls = o.Urls, Limits = o.Limits, Environment = v => v == "ALPHA_LLM_PROFILES" ? folder.Path : null });
        await fx.SnapshotOneNodeAsync(model: "test-model");

        var start = await fx.Client.PostAsync("/agentic/vllm/start", ServerFixture.Json("{\"profile\": \"box\"}"));
        var (runId, taskId) = await fx.DispatchAsync();
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");
        var run = await ServerFixture.ReadAsync(await fx.Client.GetAsync($"/runs/{runId}"));
        var running = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/agentic/models/running"));

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("from the profile", (string)run["outputs"]!["answer"]!);
        Assert.Equal("box", (string)running["active_profile"]!);
        Assert.Equal("vllm:box", (string)running["providers"]!.AsArray().Single(p => (bool)p!["active"]!)!["name"]!);
    }

    [Theory]
    [InlineData("{\"profile\": \"nobody\"}", HttpStatusCode.NotFound)]
    [InlineData("{\"profile\": \"bad\"}", HttpStatusCode.BadRequest)]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    public async Task StartProfile_UnknownOrInvalid_ProblemAndNothingActive(string body, HttpStatusCode expected)
    {
        using var folder = new ProfileFolder();
        folder.Write("bad.yaml", "models: [m]\n");
        await using var fx = await ServerFixture.StartAsync(adjust: o => new ServerOptions { Ledger = o.Ledger, Urls = o.Urls, Limits = o.Limits, Environment = v => v == "ALPHA_LLM_PROFILES" ? folder.Path : null });

        var response = await fx.Client.PostAsync("/agentic/vllm/start", ServerFixture.Json(body));
        var running = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/agentic/models/running"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(running["active_profile"]);
    }

    private static Task<ServerFixture> StartAsync(LoopbackOllamaServer ollama, Dictionary<string, string>? more = null)
    {
        var environment = new Dictionary<string, string>(more ?? []) { ["ALPHA_OLLAMA_URL"] = ollama.Root.ToString() };
        return ServerFixture.StartAsync(adjust: o => new ServerOptions { Ledger = o.Ledger, Urls = o.Urls, Limits = o.Limits, Environment = v => environment.GetValueOrDefault(v) });
    }
}
