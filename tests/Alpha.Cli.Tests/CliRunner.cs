using Alpha.Cli.Hosting;

namespace Alpha.Cli.Tests;

/// <summary>Runs the CLI in-process with captured stdout/stderr.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Out, string Error);

    public static async Task<Run> RunAsync(string[] args, string stdin = "", bool interactive = false, IReadOnlyDictionary<string, string>? env = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var context = new CliContext(output, error, input, interactive, name => env is not null && env.TryGetValue(name, out var v) ? v : null, TimeProvider.System);
        var code = await CliApp.RunAsync(args, context);
        return new Run(code, output.ToString(), error.ToString());
    }
}
