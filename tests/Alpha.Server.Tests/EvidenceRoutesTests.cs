using System.Net;
using Alpha.Sre.Incidents;
using Alpha.Testing;

namespace Alpha.Server.Tests;

public sealed class EvidenceRoutesTests
{
    private static readonly string Example = Path.Combine(SpecExamples.Root, "..", "incidents", "disk-full-logs.yaml");

    [Fact]
    public async Task Evidence_AnalysisRun_SeriesAreTheIncidentsAndLinesMatchTheirTemplate()
    {
        await using var fx = await ServerFixture.StartAsync();
        var text = await File.ReadAllTextAsync(Example);
        var incident = IncidentDocument.Read(text, "incident.yaml");
        var started = await ServerFixture.ReadAsync(await fx.Client.PostAsync("/incidents/analyze", ServerFixture.Yaml(text)));
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{(string)started["task_id"]!}");

        var response = await fx.Client.GetAsync($"/runs/{(string)started["run_id"]!}/evidence");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signals = (await ServerFixture.ReadAsync(response))["signals"]!.AsArray().Select(s => s!.AsObject()).ToArray();
        Assert.NotEmpty(signals);
        var series = signals.Where(s => (string?)s["evidence"]?["kind"] == "series").ToArray();
        var lines = signals.Where(s => (string?)s["evidence"]?["kind"] == "lines").ToArray();
        Assert.NotEmpty(series);
        Assert.NotEmpty(lines);
        foreach (var s in series)
        {
            var evidence = s["evidence"]!;
            var metric = Assert.Single(incident.Metrics, m => m.Key == (string)evidence["key"]!);
            Assert.Equal(metric.Points.Select(p => p.Value), evidence["points"]!.AsArray().Select(p => (double)p!["v"]!));
            Assert.StartsWith(metric.Key, (string)s["description"]!, StringComparison.Ordinal);
        }

        foreach (var s in lines)
        {
            var evidence = s["evidence"]!;
            var returned = evidence["lines"]!.AsArray();
            var literal = ((string)evidence["template"]!).Split("<*>").MaxBy(p => p.Length)!.Trim();
            Assert.NotEmpty(returned);
            Assert.Equal(Math.Min((int)evidence["total"]!, 20), returned.Count);
            Assert.All(returned, l => Assert.Contains(literal, (string)l!["message"]!, StringComparison.Ordinal));
            var containing = incident.Logs.Count(l => l.Message.Contains(literal, StringComparison.Ordinal) && (l.Service is null || l.Service == (string?)s["service"]));
            Assert.True(containing >= (int)evidence["total"]!, $"{containing} lines contain '{literal}', {(int)evidence["total"]!} matched");
        }
    }

    [Fact]
    public async Task Evidence_WorkflowRunOrUnknownOrNoToken_Problems()
    {
        await using var fx = await ServerFixture.StartAsync();
        await fx.SnapshotOneNodeAsync();
        var (runId, taskId) = await fx.DispatchAsync();
        await SseClient.ReadAllAsync(fx.Client, $"/chat/stream/{taskId}");
        using var anonymous = fx.NewClient(null);

        var workflow = await fx.Client.GetAsync($"/runs/{runId}/evidence");
        var unknown = await fx.Client.GetAsync("/runs/run_nobody/evidence");
        var noToken = await anonymous.GetAsync($"/runs/{runId}/evidence");

        Assert.Equal(HttpStatusCode.BadRequest, workflow.StatusCode);
        Assert.Equal("run_id", (string)(await ServerFixture.ReadAsync(workflow))["errors"]![0]!["field"]!);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }
}
