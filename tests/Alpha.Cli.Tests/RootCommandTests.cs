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
    public async Task UnknownCommand_UsageErrorExit2()
    {
        var run = await CliRunner.RunAsync(["frobnicate"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("frobnicate", run.Error, StringComparison.Ordinal);
        Assert.Contains("usage: alpha --help", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("analyze x.json --top abc", "--top: 'abc' is not a whole number", "usage: alpha analyze --help")]
    [InlineData("analyze x.json --top 0", "--top must be at least 1", "usage: alpha analyze --help")]
    [InlineData("runs list --limit abc", "--limit: 'abc' is not a whole number", "usage: alpha runs list --help")]
    [InlineData("runs list --limit", "--limit", "usage: alpha runs list --help")]
    [InlineData("specs show x --version v2", "--version: 'v2' is not a whole number", "usage: alpha specs show --help")]
    [InlineData("analyze", "Required argument missing", "usage: alpha analyze --help")]
    [InlineData("analyze x.json --frobnicate", "--frobnicate", "usage: alpha analyze --help")]
    public async Task ParseError_UsageErrorExit2WithHint(string args, string message, string hint)
    {
        var run = await CliRunner.RunAsync(args.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Contains(hint, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }
}
