using System.Net;

namespace Alpha.Server.Tests;

public sealed class NestedWorkflowRoutesTests
{
    [Fact]
    public async Task Run_WorkflowWithNestedWorkflowNode_ChildRunsFromTheLedger()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync(workflow: "inner_flow");
        var outer = await fx.Client.PostAsync("/workflows/specs", ServerFixture.Yaml("kind: workflow\nname: outer_flow\ninputs:\n  ticket:\n    type: string\n    required: true\nnodes:\n  - id: inner\n    adapter: execution\n    workflow: inner_flow\n"));
        outer.EnsureSuccessStatusCode();

        var (runId, taskId) = await fx.DispatchAsync("outer_flow");
        var events = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");

        Assert.Equal("completed", (string)events[^1].Data["status"]!);
        var child = Assert.Single(await fx.Ledger.ListRunsAsync(), r => r.ParentRunId == runId);
        Assert.Equal(Alpha.Platform.Ledger.RunStatus.Completed, child.Status);
        var run = await ServerFixture.ReadAsync(await fx.Client.GetAsync($"/runs/{runId}"));
        Assert.Equal("echo: read inputs ticket", (string)run["outputs"]!["inner"]!);
    }

    [Fact]
    public async Task Run_NestedWorkflowNotInLedger_ProblemNamesTheNode()
    {
        await using var fx = await ServerFixture.StartAsync();
        var outer = await fx.Client.PostAsync("/workflows/specs", ServerFixture.Yaml("kind: workflow\nname: orphan\nnodes:\n  - id: inner\n    adapter: execution\n    workflow: ghost_flow\n"));
        outer.EnsureSuccessStatusCode();

        var response = await fx.Client.PostAsync("/workflows/orphan/run", ServerFixture.Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("nodes[inner].workflow", (string)(await ServerFixture.ReadAsync(response))["errors"]![0]!["field"]!);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }
}
