using Alpha.Runtime.Events;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Schemas;
using Alpha.Testing;
using Alpha.Testing.Loopback;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Tests.Llm;

public sealed class ModelCallRecordingTests : IAsyncLifetime
{
    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_AgentCallsModel_PublishesModelCallCompletedWithTokenCounts()
    {
        _server.Enqueue(LoopbackReply.Json(new { label = "pool exhausted" }, promptTokens: 55, completionTokens: 13));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions(model: "runtime-model"));
        var agent = new ScriptedAgent(
            "llm-agent",
            async (context, ct) =>
            {
                var reply = await ChatJson.GetJsonAsync(context.ChatClient!, [new ChatMessage(ChatRole.User, context.Incident.DeploymentId)], cancellationToken: ct);
                return new AgentResult("llm-agent", []) { Notes = [reply.Value.GetProperty("label").GetString()!] };
            },
            client);
        var runtime = new AlphaRuntime(extractor: new StaticSignalExtractor(Claims.Signal("sig_001")));
        runtime.Register(agent);
        using var subscription = runtime.Events.Subscribe(capacity: null);

        var result = await runtime.ExecuteAsync(new IncidentInput("deploy-42"));
        subscription.Complete();
        var events = new List<RuntimeEvent>();
        await foreach (var e in subscription)
        {
            events.Add(e);
        }

        var call = Assert.Single(events.OfType<ModelCallCompleted>());
        Assert.Equal("llm-agent", call.Agent);
        Assert.Equal("runtime-model", call.Model);
        Assert.Equal(55, call.InputTokens);
        Assert.Equal(13, call.OutputTokens);
        Assert.Null(call.Error);
        Assert.Contains("deploy-42", call.Request, StringComparison.Ordinal);
        Assert.Equal(result.ExecutionId, call.ExecutionId);
        var outcome = Assert.Single(result.Agents);
        Assert.Equal(AgentStatus.Completed, outcome.Status);
        Assert.Equal(["pool exhausted"], outcome.Result?.Notes);
        Assert.Equal("deploy-42", Assert.Single(_server.Requests).Messages[^1].Content);
    }
}
