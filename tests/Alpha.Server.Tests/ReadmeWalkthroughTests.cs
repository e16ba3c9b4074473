using System.Diagnostics;
using System.Text.RegularExpressions;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Testing;

namespace Alpha.Server.Tests;

/// <summary>
/// Runs the README's curl walkthrough, line for line, with bash, curl and jq against a real server. Only the setup differs:
/// the server is this test's (a free port, a fresh ledger) instead of <c>./alpha serve &amp;</c>, and the token is issued here.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    [Fact]
    public async Task Walkthrough_AsWritten_DispatchesTwiceOnTheSameVersionRows()
    {
        var root = Path.GetFullPath(Path.Combine(SpecExamples.Root, "..", ".."));
        var readme = await File.ReadAllTextAsync(Path.Combine(root, "README.md"));
        var block = Block().Match(readme);
        Assert.True(block.Success, "README.md has no <!-- walkthrough --> bash block");
        await using var fx = await ServerFixture.StartAsync();

        var script = string.Join('\n', block.Groups[1].Value.Split('\n')
            .Where(line => !line.StartsWith("./alpha serve", StringComparison.Ordinal))
            .Select(line => line
                .Replace("A=http://127.0.0.1:8000", $"A={fx.BaseAddress.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
                .Replace("$(./alpha auth token --name walkthrough)", fx.Token, StringComparison.Ordinal)));
        Assert.Equal(9, script.Split('\n').Count(line => line.Contains("curl ", StringComparison.Ordinal)));
        var (exit, output, error) = await BashAsync(root, "set -euo pipefail\n" + script);

        Assert.True(exit == 0, $"the walkthrough failed ({exit}): {error}\n{output}");
        var runs = await fx.Ledger.ListRunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        Assert.Equal(runs[0].SpecVersionId, runs[1].SpecVersionId);
        var agentVersions = new List<string?>();
        foreach (var run in runs)
        {
            agentVersions.Add(Assert.Single((await fx.Ledger.GetRunAsync(run.RunId))!.AgentRuns).AgentSpecVersionId);
        }

        Assert.Equal(agentVersions[0], agentVersions[1]);
        Assert.Single(await fx.Ledger.GetSpecVersionsAsync(SpecKind.Workflow, "single_execution"));
        Assert.Single(await fx.Ledger.GetSpecVersionsAsync(SpecKind.Agent, "triager"));
        Assert.Contains("event: frame", output, StringComparison.Ordinal);
        Assert.Contains("workflow.completed", output, StringComparison.Ordinal);
        Assert.Contains("event: end", output, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(output, $"\"spec_version_id\":\"{runs[0].SpecVersionId}\""));
        Assert.DoesNotContain(fx.Token, output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> BashAsync(string workingDirectory, string script)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex("<!-- walkthrough -->\\s*```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();
}
