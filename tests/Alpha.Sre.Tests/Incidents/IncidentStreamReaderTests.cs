using System.Text;
using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Runtime.Security;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Tests.Incidents;

public sealed class IncidentStreamReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alpha-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Documents => new()
    {
        """{"deployment_id": "d", "logs": ["2026-01-01T00:00:00Z ERROR boom", "plain"], "metrics": {"api.cpu": [1, 2, 3]}}""",
        // escapes, an entry object with a time offset, numbers as strings, comments and trailing commas (as AlphaJson reads them)
        """
        {// a comment
         "deployment_id": "d", "detected_at": "2026-01-01T00:00:30Z",
         "logs": ["tab\there \"quoted\" \u00e9t\u00e9 \ud83d\ude00", {"timestamp": "2026-01-01T01:00:00+02:00", "service": "api", "level": "WARN", "message": "slow"}, {"msg": "m", "timestamp": 1767225600}, {"service": "api", "message": "in a request", "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736"},],
         "recent_commits": [{"sha": "abc", "message": "fix"}],
         "config_snapshot": {"previous": {"a": 1}, "current": {"a": 2}}, "extra": {"x": [1, {"y": null}]},
        }
        """,
        """{"logs": [], "deployment_id": "empty-logs"}""",
        """{"deployment_id": "no-logs", "metrics": {"a.b": {"baseline": 1, "current": 2}}}""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void TryRead_ValidDocument_SameIncidentAsWholeDocument(string text)
    {
        var path = Write("\uFEFF" + text);

        var streamed = IncidentStreamReader.TryRead(path, "t.json", InputLimits.Default, CancellationToken.None);

        Assert.NotNull(streamed);
        Assert.Equal(Json(IncidentDocument.Read(text, "t.json")), Json(streamed));
    }

    [Fact]
    public void TryRead_ExampleIncidents_SameIncidentAsWholeDocument()
    {
        foreach (var file in Directory.GetFiles(Examples.Root))
        {
            var whole = IncidentDocument.Read(File.ReadAllText(file), file);
            var path = Write(JsonSerializer.Serialize(whole, AlphaJson.Options));

            var streamed = IncidentStreamReader.TryRead(path, file, InputLimits.Default, CancellationToken.None);

            Assert.NotNull(streamed);
            Assert.True(whole.Logs.Count == 0 || streamed.Logs is LogBook, file);
            Assert.Equal(Json(whole), Json(streamed));
        }
    }

    [Fact]
    public void TryRead_LinesAcrossManyWindowsAndOneLongerThanAWindow_AllLinesKept()
    {
        var lines = Enumerable.Range(0, 40_000).Select(i => $"2026-01-01T00:00:{i % 60:00}Z INFO [svc{i % 7}] request {i} done \\\"ok\\\"").ToList();
        lines.Insert(20_000, new string('x', 3 << 20)); // 3 MiB: longer than the 1 MiB window
        var text = "{\"deployment_id\": \"big\", \"logs\": [" + string.Join(",\n", lines.Select(l => "\"" + l + "\"")) + "]}";
        var path = Write(text);

        var streamed = IncidentStreamReader.TryRead(path, "t.json", InputLimits.Default, CancellationToken.None);

        Assert.NotNull(streamed);
        Assert.Equal(40_001, streamed.Logs.Count);
        Assert.Equal(3 << 20, streamed.Logs[20_000].Message.Length);
        Assert.Equal("2026-01-01T00:00:39Z INFO [svc1] request 39999 done \"ok\"", streamed.Logs[^1].Message);
        Assert.Equal(Json(IncidentDocument.Read(text, "t.json")), Json(streamed));
    }

    [Theory]
    [InlineData("""{"deployment_id": "d", "logs": ["a",""")] // truncated
    [InlineData("""{"deployment_id": "d", "logs": "not a list"}""")]
    [InlineData("""{"deployment_id": "d", "logs": ["a"], "logs": ["b"]}""")]
    [InlineData("""{"deployment_id": "d", "logs": ["\ud800 unpaired"]}""")]
    [InlineData("""{"deployment_id": "d"} {"second": 1}""")]
    [InlineData("""{"deployment_id": "d", "logs": [[[[1]]]]}""")] // deeper than the limit below
    public void TryRead_DocumentForTheWholeReader_Null(string text)
    {
        var path = Write(text);

        var streamed = IncidentStreamReader.TryRead(path, "t.json", new InputLimits { MaxDepth = 3 }, CancellationToken.None);

        Assert.Null(streamed);
    }

    [Fact]
    public async Task TryRead_BadLogItem_FallsBackToTheWholeDocumentErrorWithItsLine()
    {
        var text = """{"deployment_id": "d", "logs": ["a", 42]}""";
        var path = Write(text);

        Assert.Null(IncidentStreamReader.TryRead(path, "t.json", InputLimits.Default, CancellationToken.None));
        var loaded = await Assert.ThrowsAsync<InvalidInputException>(() => IncidentDocument.LoadAsync(path, TextReader.Null, CancellationToken.None));
        var whole = Assert.Throws<InvalidInputException>(() => IncidentDocument.Read(text, path));

        Assert.Equal(whole.Message, loaded.Message);
        Assert.Contains(":1: logs[1]", loaded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_InvalidJsonFile_WholeDocumentError()
    {
        var path = Write("""{"deployment_id": "d", "logs": ["a" "b"]}""");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => IncidentDocument.LoadAsync(path, TextReader.Null, CancellationToken.None));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_DeeperThanTheLimit_ErrorNamesTheLimit()
    {
        var path = Write("""{"deployment_id": "d", "logs": [[[[1]]]]}""");

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => IncidentDocument.LoadAsync(path, TextReader.Null, new InputLimits { MaxDepth = 3 }, CancellationToken.None));

        Assert.Contains("max_depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_StreamedLogsWithASecret_RedactedOnceThenKept()
    {
        var redactor = new SecretRedactor(new byte[32]);
        var path = Write("""{"deployment_id": "d", "logs": ["ok line", "login password=Hunter2secret9 failed", {"message": "token=abc", "service": "api"}]}""");
        var incident = IncidentStreamReader.TryRead(path, "t.json", InputLimits.Default, CancellationToken.None)!;

        var redacted = (SreIncident)incident.Redact(redactor);
        var again = (SreIncident)redacted.Redact(redactor);

        Assert.DoesNotContain("Hunter2secret9", Json(redacted), StringComparison.Ordinal);
        Assert.Equal("ok line", redacted.Logs[0].Message);
        Assert.Equal("api", redacted.Logs[2].Service);
        Assert.IsType<LogBook>(redacted.Logs);
        Assert.Same(redacted, again);
        Assert.Equal(Json(IncidentDocument.Read(File.ReadAllText(path), "t.json").Redact(redactor)), Json(redacted));
    }

    [Fact]
    public void Redact_StreamedLogsWithoutSecret_SameInstance()
    {
        var path = Write("""{"deployment_id": "d", "logs": ["ok line", "another line"]}""");
        var incident = IncidentStreamReader.TryRead(path, "t.json", InputLimits.Default, CancellationToken.None)!;

        Assert.Same(incident, incident.Redact(new SecretRedactor(new byte[32])));
    }

    private string Write(string text)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static string Json(object incident) => JsonSerializer.Serialize(incident, AlphaJson.Options);
}
