using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Hosting.Analysis;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;

namespace Alpha.Hosting.Tests.Analysis;

public sealed class AnalysisInputsTests
{
    [Fact]
    public void Build_SmallIncident_WholeInputsNoDigest()
    {
        var incident = new SreIncident { DeploymentId = "d", Logs = [new LogEntry(null, null, null, "one line")] }.ToInput();

        var (inputs, digest) = AnalysisInputs.Build(incident, "a.json");

        Assert.Null(digest);
        var node = JsonNode.Parse(inputs)!;
        Assert.Equal("a.json", (string?)node["source"]);
        Assert.Equal("one line", (string?)node["incident"]!["logs"]![0]);
    }

    [Fact]
    public void Build_BigIncident_ExcerptWithDigestOfTheCompleteInputs()
    {
        var book = new LogBook();
        for (var i = 0; i < 40_000; i++)
        {
            book.AddLine(Encoding.UTF8.GetBytes($"2026-01-01T00:00:00Z INFO request {i} served in {i % 97} ms été"));
        }

        var sre = new SreIncident { DeploymentId = "big", Logs = book, Commits = [new CommitInfo("abc", null, null, "fix", "api", [])] };

        var (inputs, digest) = AnalysisInputs.Build(sre.ToInput(), "big.json");

        // The digest is that of the complete inputs as the same writer writes them.
        using var full = new MemoryStream();
        using (var writer = new Utf8JsonWriter(full))
        {
            writer.WriteStartObject();
            writer.WriteString("deployment_id", "big");
            writer.WriteString("source", "big.json");
            writer.WritePropertyName("incident");
            JsonSerializer.Serialize(writer, sre.ToInput(), AlphaJson.Options);
            writer.WriteEndObject();
        }

        Assert.NotNull(digest);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(full.ToArray())), digest.ContentHash);
        Assert.Equal(Encoding.UTF8.GetString(full.ToArray()).Length, digest.Chars);
        Assert.True(inputs.Length <= AnalysisInputs.ExcerptLogChars + 4096, $"excerpt of {inputs.Length} chars");
        var node = JsonNode.Parse(inputs)!;
        var kept = node["incident"]!["logs"]!.AsArray().Count;
        Assert.InRange(kept, 1, 39_999);
        Assert.Equal(kept, (int)node["excerpt"]!["logs_kept"]!);
        Assert.Equal(40_000, (int)node["excerpt"]!["logs_total"]!);
        Assert.Equal(digest.ContentHash, (string?)node["excerpt"]!["inputs_sha256"]);
        Assert.Equal("fix", (string?)node["incident"]!["recent_commits"]![0]!["message"]);
    }
}
