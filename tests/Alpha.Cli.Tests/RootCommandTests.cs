namespace Alpha.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public async Task Help_ListsAnalyze()
    {
        var run = await CliRunner.RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("analyze", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsAssemblyVersion()
    {
        var run = await CliRunner.RunAsync(["--version"]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Out.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_IsAnError()
    {
        var run = await CliRunner.RunAsync(["frobnicate"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error, StringComparison.Ordinal);
    }
}
