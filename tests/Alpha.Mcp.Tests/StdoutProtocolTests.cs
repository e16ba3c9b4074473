using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Alpha.Mcp.Tests;

/// <summary><c>alpha mcp</c>'s stdout carries the protocol and nothing else: logs, banners and tool failures go to stderr.</summary>
public sealed class StdoutProtocolTests
{
    [Fact]
    public async Task Mcp_FailingToolAndClosedStdin_StdoutOnlyJsonRpcAndProcessExits()
    {
        var directory = Path.Combine(Path.GetTempPath(), "alpha-mcp-raw-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "alpha.dll"), "mcp", "--db", Path.Combine(directory, "ledger.db") },
        };
        info.Environment.Remove("ALPHA_DB");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"describe_run","arguments":{"run_id":"run_none"}}}""");
        await process.StandardInput.FlushAsync();

        // Read until the tool's answer is out, then close stdin: that ends the session and the process.
        var lines = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            lines.Add(line);
            if ((int?)JsonNode.Parse(line)?["id"] == 2)
            {
                break;
            }
        }

        process.StandardInput.Close();
        lines.AddRange((await process.StandardOutput.ReadToEndAsync(cts.Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await process.WaitForExitAsync(cts.Token);
        var answer = JsonNode.Parse(lines.Single(l => (int?)JsonNode.Parse(l)?["id"] == 2))!;

        Assert.Equal(0, process.ExitCode);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Equal("2.0", (string?)JsonNode.Parse(line)!["jsonrpc"]));
        Assert.True((bool)answer["result"]!["isError"]!);
        Assert.Contains("no run 'run_none'", (string)answer["result"]!["content"]![0]!["text"]!, StringComparison.Ordinal);
        var logs = await stderr;
        Assert.Contains("alpha mcp: serving MCP over stdio", logs, StringComparison.Ordinal);
        Assert.Contains("describe_run", logs, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
