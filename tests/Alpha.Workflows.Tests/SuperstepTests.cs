using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Nodes;
using static Alpha.Workflows.Tests.WorkflowFixture;

namespace Alpha.Workflows.Tests;

/// <summary>Nodes of one superstep run side by side; a node alone in its superstep needs no thread of its own.</summary>
public sealed class SuperstepTests
{
    [Fact]
    public async Task RunAsync_TwoNodesShareASuperstep_TheyRunAtTheSameTime()
    {
        // Each branch blocks its thread until the other has arrived: run one after another, neither would see the other.
        using var barrier = new Barrier(2);
        await using var fx = await CreateAsync();
        var runtime = new WorkflowRuntime(new WorkflowRuntimeOptions
        {
            Ledger = fx.Ledger,
            NodeFactories = [new BarrierNodeFactory(barrier), new AgentNodeFactory()],
        });
        var spec = Workflow(
            "side_by_side",
            [Node("split", "splitter"), new WorkflowNode("left", "barrier", []), new WorkflowNode("right", "barrier", []), Node("after", "tail")],
            [new("split", "left"), new("split", "right"), new("left", "after"), new("right", "after")]);

        var result = await runtime.RunAsync(new WorkflowDispatch(spec, Agents(Deterministic("splitter"), Deterministic("tail"))));

        Assert.Equal(RunStatus.Completed, result.Run.Status);
        Assert.Equal("met", result.Outputs["left"]);
        Assert.Equal("met", result.Outputs["right"]);
        Assert.Contains("read 2 upstream outputs", result.Outputs["after"], StringComparison.Ordinal);
    }

    private sealed class BarrierNodeFactory(Barrier barrier) : INodeFactory
    {
        public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents) =>
            node.Adapter == "barrier" ? new BarrierBody(barrier) : null;
    }

    private sealed class BarrierBody(Barrier barrier) : WorkflowNodeBody
    {
        protected override Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken) =>
            Task.FromResult(barrier.SignalAndWait(TimeSpan.FromSeconds(30), cancellationToken) ? "met" : "alone");
    }
}
