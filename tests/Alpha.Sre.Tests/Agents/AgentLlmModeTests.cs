using Alpha.Runtime;
using Alpha.Runtime.Agents;
using Alpha.Runtime.Llm;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Agents;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Testing.Loopback;

namespace Alpha.Sre.Tests.Agents;

public sealed class AgentLlmModeTests : IAsyncLifetime
{
    private LoopbackOpenAIServer _server = null!;
    private IncidentInput _incident = null!;
    private IReadOnlyList<Signal> _signals = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackOpenAIServer.StartAsync();
        _incident = await IncidentDocument.LoadAsync(Examples.Path("db-pool-config.yaml"), TextReader.Null, CancellationToken.None);
        _signals = SreSignalExtractor.Extract(SreIncident.From(_incident));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<ExecutionResult> RunAsync(Func<OpenAICompatibleChatClient, BaseAgent> agent)
    {
        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        runtime.Register(agent(new OpenAICompatibleChatClient(_server.CreateOptions("loopback-model"))));
        return await runtime.ExecuteAsync(_incident);
    }

    private string LogSignalId() => _signals.First(s => s.Source == "logs").Id;

    [Fact]
    public async Task LogAgent_ValidModelReply_IsUsedAndAccepted()
    {
        _server.Enqueue(LoopbackReply.Json(new
        {
            hypotheses = new[]
            {
                new { label = "connection pool exhaustion in orders", description = "pool errors", confidence = 0.8, severity = "high", supporting_signals = new[] { LogSignalId() }, service = "orders", fault_type = "connection-pool" },
            },
        }));

        var result = await RunAsync(c => new LogAgent(c));

        var outcome = Assert.Single(result.Agents);
        Assert.Equal("llm", outcome.Mode);
        var top = Assert.Single(result.RankedHypotheses);
        Assert.Equal("orders", top.Service);
        Assert.Equal("connection-pool", top.FaultType);
        Assert.Equal(0.8, top.Confidence);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("loopback-model", request.Model);
        Assert.Contains(LogSignalId(), request.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogAgent_ClaimCitingUnknownSignal_IsRejectedByTheJudge()
    {
        _server.Enqueue(LoopbackReply.Json(new
        {
            hypotheses = new object[]
            {
                new { label = "made up", description = "d", confidence = 0.9, severity = "high", supporting_signals = new[] { "sig_999" } },
                new { label = "not a number", description = "d", confidence = "very", severity = "high", supporting_signals = new[] { LogSignalId() } },
                new { label = "real", description = "d", confidence = 0.6, severity = "medium", supporting_signals = new[] { LogSignalId() } },
            },
        }));

        var result = await RunAsync(c => new LogAgent(c));

        Assert.Equal("real", Assert.Single(result.RankedHypotheses).Label);
        var rejected = result.Verdicts.Where(v => !v.Accepted).ToArray();
        Assert.Equal(2, rejected.Length);
        Assert.Contains(rejected, v => v.Violations.Any(x => x.Rule == Runtime.Judging.JudgeRule.EvidenceExists));
        Assert.Contains(rejected, v => v.Violations.Any(x => x.Rule == Runtime.Judging.JudgeRule.ConfidenceInRange));
    }

    [Fact]
    public async Task MetricsAgent_MalformedReply_FallsBackToRulesAndSaysSo()
    {
        _server.Enqueue(LoopbackReply.Text("I believe the database is slow, but I cannot format JSON today."));

        var result = await RunAsync(c => new MetricsAgent(c));

        var outcome = Assert.Single(result.Agents);
        Assert.Equal(AgentStatus.Completed, outcome.Status);
        Assert.Equal("deterministic", outcome.Mode);
        Assert.Contains("fell back", Assert.Single(outcome.Result!.Notes), StringComparison.Ordinal);
        Assert.Equal("orders", result.RankedHypotheses[0].Service);
    }

    [Fact]
    public async Task ConfigAgent_ProviderError_FallsBackToRulesAndSaysSo()
    {
        _server.WhenEmpty = LoopbackReply.Status(500, "upstream exploded");

        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        runtime.Register(new ConfigAgent(new OpenAICompatibleChatClient(_server.CreateOptions() with { MaxRetries = 1 })));
        using var events = runtime.Events.Subscribe();
        var result = await runtime.ExecuteAsync(_incident);

        var outcome = Assert.Single(result.Agents);
        Assert.Equal("deterministic", outcome.Mode);
        Assert.Contains("500", Assert.Single(outcome.Result!.Notes), StringComparison.Ordinal);
        Assert.NotEmpty(result.RankedHypotheses);
        Assert.Equal(2, _server.RequestCount);
        var frames = new List<Runtime.Events.Frame>();
        while (events.Reader.TryRead(out var e))
        {
            frames.Add(e.ToFrame());
        }

        Assert.Contains(frames, f => f.Stage == "agent.config.model_call" && f.Extras["error"] is not null);
        Assert.Contains(frames, f => f.Stage == "agent.config.completed" && ((IReadOnlyList<string>)f.Extras["notes"]!).Count == 1);
    }

    [Fact]
    public async Task CommitAgent_Deterministic_WithoutClient_ReportsDeterministicMode()
    {
        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        runtime.Register(new CommitAgent());

        var result = await runtime.ExecuteAsync(_incident);

        Assert.Equal("deterministic", Assert.Single(result.Agents).Mode);
        Assert.Equal(0, _server.RequestCount);
    }
}
