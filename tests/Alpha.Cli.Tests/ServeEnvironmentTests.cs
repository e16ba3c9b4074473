namespace Alpha.Cli.Tests;

/// <summary><c>alpha serve</c> with an unusable MCP OAuth variable: one line naming it, exit 2, before anything listens.</summary>
public sealed class ServeEnvironmentTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("ALPHA_MCP_OAUTH_ISSUER", "not a uri")]
    [InlineData("ALPHA_MCP_OAUTH_ISSUER", "ftp://login.example.com")]
    [InlineData("ALPHA_MCP_RESOURCE", "/mcp")]
    public async Task Serve_BadMcpVariable_OneLineErrorNamingItExit2(string variable, string value)
    {
        var db = Path.Combine(_files.Root, "serve.db");

        var run = await CliRunner.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--db", db], env: new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {variable} must be", line, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
    }
}
