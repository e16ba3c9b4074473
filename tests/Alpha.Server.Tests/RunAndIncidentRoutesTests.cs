using System.Net;
using System.Text.Json.Nodes;

namespace Alpha.Server.Tests;

public sealed class RunAndIncidentRoutesTests
{
    private const string Incident = """
        {"deployment_id": "deploy-123",
         "logs": ["ERROR: connection pool exhausted", "WARN: slow query"],
         "metrics": {"cpu_usage": 0.45, "db_connections": 100},
         "recent_commits": [{"sha": "a1b2c3", "message": "reduce db pool size"}],
         "config_snapshot": {"db_pool_size": 10, "api_key": "sk-live-0123456789abcdefghijklmnop"}}
        """;

    [Fact]
    public async Task Analyze_JsonIncident_AcceptedRecordedWithResultAndRedacted()
    {
        await using var fx = await ServerFixture.StartAsync();

        var response = await fx.Client.PostAsync("/incidents/analyze?experiment_id=exp_http", ServerFixture.Json(Incident));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await ServerFixture.ReadAsync(response);
        var events = await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{(string)started["task_id"]!}");
        var run = await ServerFixture.ReadAsync(await fx.Client.GetAsync($"/runs/{(string)started["run_id"]!}"));

        Assert.Equal("completed", (string)run["run"]!["status"]!);
        Assert.Equal("analysis", (string)run["run"]!["spec_kind"]!);
        Assert.Equal("exp_http", (string)run["run"]!["experiment_id"]!);
        Assert.NotEmpty(run["result"]!["ranked_hypotheses"]!.AsArray());
        var frames = events.Where(e => e.Name == "frame").ToArray();
        Assert.Equal(run["frames"]!.AsArray().Select(f => (long)f!["sequence"]!), frames.Select(f => (long)f.Data["sequence"]!));
        Assert.Equal("execution.started", (string)frames[0].Data["stage"]!);
        var stored = (await fx.Ledger.GetRunInputsAsync((string)started["run_id"]!))!.Text;
        Assert.DoesNotContain("sk-live-0123456789abcdefghijklmnop", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-0123456789abcdefghijklmnop", run.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_YamlIncident_Accepted()
    {
        await using var fx = await ServerFixture.StartAsync();

        var response = await fx.Client.PostAsync("/incidents/analyze", ServerFixture.Yaml("deployment_id: deploy-9\nlogs:\n  - 'ERROR: disk full'\n"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{(string)(await ServerFixture.ReadAsync(response))["task_id"]!}");
    }

    [Fact]
    public async Task Analyze_MissingDeploymentId_ProblemNamesField()
    {
        await using var fx = await ServerFixture.StartAsync();

        var response = await fx.Client.PostAsync("/incidents/analyze", ServerFixture.Json("{\"logs\": []}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deployment_id", (string)(await ServerFixture.ReadAsync(response))["detail"]!, StringComparison.Ordinal);
        Assert.Empty(await fx.Ledger.ListRunsAsync());
    }

    [Fact]
    public async Task Runs_FiltersAndPages_NewestFirst()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var ids = new List<string>();
        foreach (var experiment in new[] { "exp_a", "exp_a", "exp_b" })
        {
            var response = await fx.Client.PostAsync("/workflows/one_node/run", ServerFixture.Json($"{{\"inputs\": {{\"ticket\": \"t\"}}, \"experiment_id\": \"{experiment}\"}}"));
            var body = await ServerFixture.ReadAsync(response);
            ids.Add((string)body["run_id"]!);
            await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{(string)body["task_id"]!}");
        }

        var byExperiment = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/runs?experiment=exp_a"));
        var firstPage = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/runs?limit=2&status=completed"));
        var secondPage = await ServerFixture.ReadAsync(await fx.Client.GetAsync($"/runs?limit=2&before={(string)firstPage["next"]!}"));
        var none = await ServerFixture.ReadAsync(await fx.Client.GetAsync("/runs?status=failed"));

        Assert.Equal([ids[1], ids[0]], byExperiment["runs"]!.AsArray().Select(r => (string)r!["run_id"]!));
        Assert.Equal([ids[2], ids[1]], firstPage["runs"]!.AsArray().Select(r => (string)r!["run_id"]!));
        Assert.Equal([ids[0]], secondPage["runs"]!.AsArray().Select(r => (string)r!["run_id"]!));
        Assert.Null(secondPage["next"]);
        Assert.Empty(none["runs"]!.AsArray());
    }

    [Theory]
    [InlineData("/runs?status=done", "status")]
    [InlineData("/runs?limit=0", "limit")]
    [InlineData("/runs?limit=lots", "limit")]
    public async Task Runs_BadFilter_ProblemNamesField(string path, string field)
    {
        await using var fx = await ServerFixture.StartAsync();

        var response = await fx.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (string)(await ServerFixture.ReadAsync(response))["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task RunById_Unknown_NotFound()
    {
        await using var fx = await ServerFixture.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await fx.Client.GetAsync("/runs/run_nobody")).StatusCode);
    }

    [Fact]
    public async Task DataTools_RunOfWorkflow_DescribeListBrowse()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (runId, taskId) = await fx.DispatchAsync();
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");

        var describe = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/mcp/data/tools/data.workflows.describe/invoke", ServerFixture.Json($"{{\"workflow_run_id\": \"{runId}\"}}")));
        var list = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/mcp/data/tools/data.agents.list_runs/invoke", ServerFixture.Json($"{{\"arguments\": {{\"workflow_run_id\": \"{runId}\", \"limit\": 5}}}}")));
        var browse = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/mcp/data/tools/data.discovery.browse/invoke", null));

        Assert.Equal("one_node", (string)describe["result"]!["spec"]!["name"]!);
        Assert.Equal("workflow.completed", (string)describe["result"]!["last_stage"]!);
        Assert.Equal("answer", (string)list["result"]!["agent_runs"]![0]!["node"]!);
        Assert.Contains(browse["result"]!["specs"]!.AsArray(), s => (string)s!["name"]! == "one_node");
        Assert.Equal(runId, (string)browse["result"]!["recent_runs"]![0]!["run_id"]!);
        foreach (var answer in new JsonNode[] { describe, list, browse })
        {
            Assert.DoesNotContain("\"inputs\"", answer.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DataTools_UnknownToolOrMissingRun_Problems()
    {
        await using var fx = await ServerFixture.StartAsync();

        var unknown = await fx.Client.PostAsync("/mcp/data/tools/data.secrets.dump/invoke", null);
        var missing = await fx.Client.PostAsync("/mcp/data/tools/data.agents.list_runs/invoke", ServerFixture.Json("{}"));
        var noRun = await fx.Client.PostAsync("/mcp/data/tools/data.workflows.describe/invoke", ServerFixture.Json("{\"workflow_run_id\": \"run_nobody\"}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("workflow_run_id", (string)(await ServerFixture.ReadAsync(missing))["errors"]![0]!["field"]!);
        Assert.Equal(HttpStatusCode.NotFound, noRun.StatusCode);
    }
}
