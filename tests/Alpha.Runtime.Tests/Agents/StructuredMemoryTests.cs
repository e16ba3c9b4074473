using Alpha.Runtime.Memory;
using Alpha.Testing;

namespace Alpha.Runtime.Tests.Agents;

public sealed class StructuredMemoryTests
{
    [Fact]
    public void AddSignal_DuplicateId_Throws()
    {
        var memory = new StructuredMemory();
        memory.AddSignal(Claims.Signal("sig_001"));

        Assert.Throws<InvalidOperationException>(() => memory.AddSignal(Claims.Signal("sig_001")));
        Assert.Single(memory.Signals);
    }

    [Fact]
    public async Task AddSignal_ConcurrentWriters_KeepsEveryWrite()
    {
        var memory = new StructuredMemory();
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            start.Wait();
            for (var i = 0; i < 500; i++)
            {
                memory.AddSignal(Claims.Signal($"sig_{w}_{i}"));
            }
        })).ToArray();

        start.Set();
        await Task.WhenAll(writers);

        Assert.Equal(4000, memory.Signals.Count);
        Assert.Equal(4000, memory.Signals.Select(s => s.Id).Distinct().Count());
        Assert.True(memory.ContainsSignal("sig_7_499"));
    }

    [Fact]
    public void Signals_ReturnsSnapshot_NotLiveView()
    {
        var memory = new StructuredMemory();
        memory.AddSignal(Claims.Signal("sig_001"));
        var snapshot = memory.Signals;

        memory.AddSignal(Claims.Signal("sig_002"));

        Assert.Single(snapshot);
        Assert.Equal(2, memory.Signals.Count);
    }
}
