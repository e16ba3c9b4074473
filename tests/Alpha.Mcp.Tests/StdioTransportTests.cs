using System.Text.Json;
using Alpha.Platform.Ledger;

namespace Alpha.Mcp.Tests;

/// <summary><c>alpha mcp</c> over stdio, driven by the SDK's client with the CLI in a child process.</summary>
public sealed class StdioTransportTests
{
    [Fact]
    public async Task ListTools_ChildProcess_EveryToolWithInputAndOutputSchemas()
    {
        await using var server = await StdioServer.StartAsync();

        var tools = await server.Client.ListToolsAsync();

        Assert.Equal(AlphaMcpTools.Names.Order(StringComparer.Ordinal), tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Contains(tools, t => t.Name == "search"); // the docs search is named as the issue names it
        Assert.Equal("alpha", server.Client.ServerInfo?.Name);
        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), tool.Name);
            Assert.Equal(JsonValueKind.Object, tool.ProtocolTool.OutputSchema?.ValueKind);
        }

        var analyze = tools.Single(t => t.Name == "analyze_incident").ProtocolTool;
        var properties = analyze.InputSchema.GetProperty("properties");
        Assert.True(properties.TryGetProperty("incident", out _));
        Assert.True(properties.TryGetProperty("path", out _));
        Assert.True(analyze.OutputSchema!.Value.GetProperty("properties").TryGetProperty("hypotheses", out _));
    }

    [Fact]
    public async Task AnalyzeIncident_PathOfExample_RankedHypothesesCiteExtractedSignalsAndRunIsRecorded()
    {
        await using var server = await StdioServer.StartAsync();

        var result = await server.Client.CallAsync("analyze_incident", new { path = Incidents.DiskFull, top = 3 });

        var answer = result.Structured();
        var hypotheses = answer.GetProperty("hypotheses").EnumerateArray().ToArray();
        Assert.InRange(hypotheses.Length, 1, 3);
        Assert.Equal(1, hypotheses[0].GetProperty("rank").GetInt32());
        Assert.Contains("disk", hypotheses[0].GetProperty("label").GetString(), StringComparison.OrdinalIgnoreCase);
        var evidence = hypotheses[0].GetProperty("evidence").EnumerateArray().ToArray();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, e => Assert.StartsWith("sig_", e.GetProperty("id").GetString(), StringComparison.Ordinal));
        Assert.Contains(hypotheses[0].GetProperty("label").GetString()!, result.Text(), StringComparison.Ordinal);
        Assert.Contains(evidence[0].GetProperty("id").GetString()!, result.Text(), StringComparison.Ordinal);

        var runId = answer.GetProperty("run_id").GetString()!;
        var described = (await server.Client.CallAsync("describe_run", new { run_id = runId })).Structured();
        Assert.Equal("completed", described.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal("analysis", described.GetProperty("run").GetProperty("kind").GetString());
        Assert.Equal(hypotheses[0].GetProperty("label").GetString(), described.GetProperty("hypotheses")[0].GetProperty("label").GetString());
        await using var ledger = await SqliteLedgerStore.OpenAsync(server.Ledger);
        Assert.Equal(RunStatus.Completed, (await ledger.GetRunAsync(runId))!.Run.Status);
    }

    [Fact]
    public async Task AnalyzeIncident_InlineIncidentWithSecret_SecretInNoAnswer()
    {
        await using var server = await StdioServer.StartAsync();

        var analysis = await server.Client.CallAsync("analyze_incident", new { incident = JsonDocument.Parse(Incidents.WithSecret).RootElement });
        var runId = analysis.Structured().GetProperty("run_id").GetString()!;
        var described = await server.Client.CallAsync("describe_run", new { run_id = runId });
        var listed = await server.Client.CallAsync("list_runs", new { limit = 5 });

        foreach (var answer in new[] { analysis, described, listed })
        {
            Assert.DoesNotContain(Incidents.Secret, JsonSerializer.Serialize(answer), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Incidents.Secret, string.Join('\n', server.Errors), StringComparison.Ordinal);
        Assert.Contains(runId, listed.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeIncident_BadArguments_ErrorsSayWhatWhereAndWhatToDo()
    {
        await using var server = await StdioServer.StartAsync();

        var neither = await server.Client.CallAsync("analyze_incident", new { });
        var missingFile = await server.Client.CallAsync("analyze_incident", new { path = "/nonexistent/incident.yaml" });
        var badField = await server.Client.CallAsync("analyze_incident", new { incident = JsonDocument.Parse("""{"deployment_id": 5, "logs": "not a list"}""").RootElement });
        var badTop = await server.Client.CallAsync("analyze_incident", new { path = Incidents.DiskFull, top = 99 });

        Assert.True(neither.IsError);
        Assert.Contains("Give exactly one: incident", neither.Text(), StringComparison.Ordinal);
        Assert.True(missingFile.IsError);
        Assert.Contains("path:", missingFile.Text(), StringComparison.Ordinal);
        Assert.Contains("file not found", missingFile.Text(), StringComparison.Ordinal);
        Assert.True(badField.IsError);
        Assert.Contains("incident:", badField.Text(), StringComparison.Ordinal);
        Assert.Contains("incident-format.md", badField.Text(), StringComparison.Ordinal);
        Assert.True(badTop.IsError);
        Assert.Contains("top: 99 is out of range", badTop.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocsTools_SearchThenFetch_EveryAnswerCitesItsPage()
    {
        await using var server = await StdioServer.StartAsync();

        var pages = (await server.Client.CallAsync("list_pages")).Structured();
        var search = await server.Client.CallAsync("search", new { query = "protected resource metadata audience" });
        var hit = search.Structured().GetProperty("hits")[0];
        var fetched = await server.Client.CallAsync("fetch_page", new { page = hit.GetProperty("citation").GetString() });
        var unknown = await server.Client.CallAsync("fetch_page", new { page = "nowhere.md" });

        Assert.Contains(pages.GetProperty("pages").EnumerateArray(), p => p.GetProperty("page").GetString() == "docs/mcp.md");
        Assert.Equal("docs/mcp.md", hit.GetProperty("page").GetString());
        Assert.Contains($"[{hit.GetProperty("citation").GetString()}]", search.Text(), StringComparison.Ordinal);
        var page = fetched.Structured();
        Assert.Equal(hit.GetProperty("citation").GetString(), page.GetProperty("citation").GetString());
        Assert.StartsWith($"Source: {hit.GetProperty("citation").GetString()}", fetched.Text(), StringComparison.Ordinal);
        Assert.Contains("oauth-protected-resource", page.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(unknown.IsError);
        Assert.Contains("docs/server.md", unknown.Text(), StringComparison.Ordinal);
    }
}
