using System.Net;
using Alpha.Platform.Ledger;
using Alpha.Testing.Loopback;

namespace Alpha.Server.Tests;

public sealed class WorkflowRoutesTests
{
    [Fact]
    public async Task Run_KnownWorkflow_AcceptedAndRecordedCompleted()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();

        var (runId, taskId) = await fx.DispatchAsync(ticket: "disk full on db-1");
        var events = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");
        var run = await ServerFixture.ReadAsync(await fx.Client.GetAsync($"/runs/{runId}"));

        Assert.Equal("completed", (string)events[^1].Data["status"]!);
        Assert.Equal("completed", (string)run["run"]!["status"]!);
        Assert.Equal(taskId, (string)run["run"]!["task_id"]!);
        Assert.Single(run["agent_runs"]!.AsArray());
        Assert.Equal("echo: read inputs ticket", (string)run["outputs"]!["answer"]!);
        Assert.Null(run["run"]!["inputs"]);
    }

    [Fact]
    public async Task Run_UnknownWorkflow_NotFound()
    {
        await using var fx = await ServerFixture.StartAsync();

        var response = await fx.Client.PostAsync("/workflows/nobody/run", ServerFixture.Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Run_MissingRequiredInput_ProblemNamesInputAndWritesNoRun()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();

        var response = await fx.Client.PostAsync("/workflows/one_node/run", ServerFixture.Json("{\"inputs\": {}}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("inputs.ticket", (string)(await ServerFixture.ReadAsync(response))["errors"]![0]!["field"]!);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Theory]
    [InlineData("{\"inputs\": [1]}", "inputs")]
    [InlineData("{\"experiment_id\": 3}", "experiment_id")]
    [InlineData("[1]", "$")]
    public async Task Run_MalformedBody_ProblemNamesField(string body, string field)
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();

        var response = await fx.Client.PostAsync("/workflows/one_node/run", ServerFixture.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string)(await ServerFixture.ReadAsync(response))["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task Replay_Recorded_NewRunWithParentAndSameVersions()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (runId, taskId) = await fx.DispatchAsync();
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");

        var response = await fx.Client.PostAsync($"/workflows/runs/{runId}/replay", ServerFixture.Json("{\"mode\": \"recorded\"}"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var replay = await ServerFixture.ReadAsync(response);
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{(string)replay["task_id"]!}");

        var original = (await fx.Ledger.GetRunAsync(runId))!.Run;
        var copy = (await fx.Ledger.GetRunAsync((string)replay["run_id"]!))!.Run;
        Assert.Equal(runId, copy.ParentRunId);
        Assert.Equal(original.SpecVersionId, copy.SpecVersionId);
        Assert.Equal(RunStatus.Completed, copy.Status);
    }

    [Fact]
    public async Task Replay_BadModeOrUnknownRun_Problems()
    {
        await using var fx = await ServerFixture.StartAsync();

        var badMode = await fx.Client.PostAsync("/workflows/runs/run_x/replay", ServerFixture.Json("{\"mode\": \"sideways\"}"));
        var unknown = await fx.Client.PostAsync("/workflows/runs/run_x/replay", ServerFixture.Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.Equal("mode", (string)(await ServerFixture.ReadAsync(badMode))["errors"]![0]!["field"]!);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Kill_RunWaitingOnModel_CancelledByTheCaller()
    {
        await using var fx = await ServerFixture.StartAsync(withModel: true);
        fx.Model!.Enqueue(LoopbackReply.Hang());
        await fx.SnapshotOneNodeAsync(model: "loopback/test-model");
        var (runId, taskId) = await fx.DispatchAsync();
        await fx.Model.WaitForRequestAsync();

        var kill = await fx.Client.PostAsync($"/workflows/runs/{runId}/kill", null);
        var events = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");

        Assert.Equal(HttpStatusCode.Accepted, kill.StatusCode);
        var stages = events.Where(e => e.Name == "frame").Select(e => (string)e.Data["stage"]!).ToArray();
        Assert.Equal(["workflow.started", "node.answer.started", "node.answer.cancelled", "workflow.killed", "workflow.cancelled"], stages);
        var run = (await fx.Ledger.GetRunAsync(runId))!.Run;
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal("killed by token:test", run.Error);
        Assert.Equal(HttpStatusCode.Conflict, (await fx.Client.PostAsync($"/workflows/runs/{runId}/kill", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client.PostAsync("/workflows/runs/run_none/kill", null)).StatusCode);
    }

    [Fact]
    public async Task Kill_WorkflowRunOfAnotherProcess_KillRequestInTheLedger()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var version = (await fx.Ledger.GetSpecVersionsAsync(Alpha.Platform.Specs.SpecKind.Workflow, "one_node"))[0];
        var elsewhere = await fx.Ledger.CreateRunAsync(new NewRun(Alpha.Platform.Specs.SpecKind.Workflow, version.VersionId));

        var response = await fx.Client.PostAsync($"/workflows/runs/{elsewhere.RunId}/kill", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var request = Assert.Single(await fx.Ledger.ListKillRequestsAsync());
        Assert.Equal(elsewhere.RunId, request.RunId);
        Assert.Equal("token:test", request.RequestedBy);
    }

    [Fact]
    public async Task KillAll_TwoRunsWaitingOnModel_BothCancelled()
    {
        await using var fx = await ServerFixture.StartAsync(withModel: true);
        var runs = await fx.DispatchHangingAsync(2);
        var (first, second) = (runs[0], runs[1]);

        var response = await fx.Client.PostAsync("/kill", null);
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{first.TaskId}");
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{second.TaskId}");

        Assert.Equal(2, (int)(await ServerFixture.ReadAsync(response))["killed"]!);
        Assert.Equal(RunStatus.Cancelled, (await fx.Ledger.GetRunAsync(first.RunId))!.Run.Status);
        Assert.Equal(RunStatus.Cancelled, (await fx.Ledger.GetRunAsync(second.RunId))!.Run.Status);
    }

    [Fact]
    public async Task Shutdown_RunInFlight_RecordedCancelledWithEveryFrame()
    {
        var fx = await ServerFixture.StartAsync(withModel: true);
        await using (fx)
        {
            fx.Model!.Enqueue(LoopbackReply.Hang());
            await fx.SnapshotOneNodeAsync(model: "loopback/test-model");
            var (runId, _) = await fx.DispatchAsync();
            await fx.Model.WaitForRequestAsync();

            await fx.App.StopAsync();

            var detail = (await fx.Ledger.GetRunAsync(runId))!;
            Assert.Equal(RunStatus.Cancelled, detail.Run.Status);
            Assert.Equal("killed by server shutdown", detail.Run.Error);
            Assert.Equal("workflow.cancelled", detail.Frames[^1].Stage);
            Assert.Equal(Enumerable.Range(1, detail.Frames.Count).Select(i => (long)i), detail.Frames.Select(f => f.Sequence));
            Assert.Equal(AgentRunStatus.Cancelled, Assert.Single(detail.AgentRuns).Status);
        }
    }
}
