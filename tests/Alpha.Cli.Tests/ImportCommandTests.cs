using Alpha.Testing;

namespace Alpha.Cli.Tests;

public sealed class ImportCommandTests
{
    private static readonly string NezhaDay = SharedData.Path("nezha-tt", "rca_data", "2023-01-30");

    [Fact]
    public async Task Import_DayFolder_WritesTheFirstListsTheOthersAndCasePicksOne()
    {
        var first = await CliRunner.RunAsync(["import", "nezha", NezhaDay]);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("\"deployment_id\"", first.Out, StringComparison.Ordinal);
        Assert.Contains("pick another with --case", first.Error, StringComparison.Ordinal);
        var ids = first.Error[(first.Error.IndexOf("--case: ", StringComparison.Ordinal) + 8)..].Split(')')[0].Split(", ");
        var last = ids[^1].Split('/')[^1];

        var run = await CliRunner.RunAsync(["import", "nezha", NezhaDay, "--case", last]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"/{last}\"", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("pick another", run.Error, StringComparison.Ordinal);
        Assert.NotEqual(first.Out, run.Out);
    }

    [Fact]
    public async Task Import_UnknownCase_ExitsBadInputAndListsTheCases()
    {
        var run = await CliRunner.RunAsync(["import", "nezha", NezhaDay, "--case", "99:99:99"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--case 99:99:99: no incident of this folder has that id; its cases: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }
}
