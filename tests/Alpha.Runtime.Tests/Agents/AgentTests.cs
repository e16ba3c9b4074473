using Alpha.Runtime.Agents;
using Alpha.Testing;

namespace Alpha.Runtime.Tests.Agents;

public sealed class AgentTests
{
    [Fact]
    public void BaseAgent_IsAbstract_CannotBeInstantiated()
    {
        Assert.True(typeof(BaseAgent).IsAbstract);
        Assert.Throws<MissingMethodException>(() => Activator.CreateInstance(typeof(BaseAgent), "x", null));
    }

    [Fact]
    public void BaseAgent_EmptyName_Throws()
    {
        Assert.Throws<ArgumentException>(() => ScriptedAgent.Returning(" "));
    }

    [Fact]
    public void Register_DuplicateName_Throws()
    {
        var registry = new AgentRegistry();
        registry.Register(ScriptedAgent.Returning("logs"));

        var ex = Assert.Throws<InvalidOperationException>(() => registry.Register(ScriptedAgent.Returning("logs")));

        Assert.Contains("logs", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, registry.Count);
    }

    [Fact]
    public void GetAll_ReturnsRegistrationOrder_GetFindsByName()
    {
        var registry = new AgentRegistry();
        var b = ScriptedAgent.Returning("b");
        registry.Register(b);
        registry.Register(ScriptedAgent.Returning("a"));

        Assert.Equal(["b", "a"], registry.GetAll().Select(a => a.Name));
        Assert.Same(b, registry.Get("b"));
        Assert.Throws<KeyNotFoundException>(() => registry.Get("zzz"));
    }

    [Fact]
    public async Task RunAsync_CancelledToken_ThrowsBeforeRunningCore()
    {
        var agent = ScriptedAgent.Returning("a");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => agent.RunAsync(new AgentContext("e", new Runtime.Schemas.IncidentInput("d"), []), cts.Token));
        Assert.Equal(0, agent.Runs);
    }
}
