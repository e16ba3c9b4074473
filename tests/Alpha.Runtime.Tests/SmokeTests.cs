using Alpha.Runtime.Schemas;
using Alpha.Testing;

namespace Alpha.Runtime.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task ExecuteAsync_StubAgent_ReturnsHypotheses()
    {
        var runtime = new AlphaRuntime(extractor: new StaticSignalExtractor(Claims.Signal("sig_001")));
        runtime.Register(ScriptedAgent.Returning("stub", Claims.Valid("database connection pool exhausted", 0.9)));

        var result = await runtime.ExecuteAsync(new IncidentInput("deploy-1"));

        var top = Assert.Single(result.RankedHypotheses);
        Assert.Equal("database connection pool exhausted", top.Label);
        Assert.Equal(0.9, top.Score, 6);
        Assert.Equal(["stub"], top.ContributingAgents);
        Assert.Equal(AgentStatus.Completed, Assert.Single(result.Agents).Status);
    }
}
