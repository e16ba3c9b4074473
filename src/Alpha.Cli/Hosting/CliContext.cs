using Spectre.Console;

namespace Alpha.Cli.Hosting;

/// <summary>The process's outside world, injectable so commands can be tested in-process.</summary>
/// <param name="Out">Results (stdout).</param>
/// <param name="Error">Progress and errors (stderr).</param>
/// <param name="In">stdin, for <c>-</c> arguments.</param>
/// <param name="Interactive">True when stdout is a terminal (live display allowed).</param>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="Time">The clock.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, TextReader In, bool Interactive, Func<string, string?> Environment, TimeProvider Time)
{
    /// <summary>A Spectre console over <see cref="Out"/>, with colours and live updates only when interactive.</summary>
    public IAnsiConsole Console { get; } = CreateConsole(Out, Interactive, Environment);

    private static IAnsiConsole CreateConsole(TextWriter output, bool interactive, Func<string, string?> environment)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Without a terminal Spectre assumes 80 columns; tables of hypotheses read better wider.
            console.Profile.Width = int.TryParse(environment("COLUMNS"), out var columns) && columns > 40 ? columns : 160;
        }

        return console;
    }

    /// <summary>The real process: stdout, stderr, stdin and the environment.</summary>
    public static CliContext FromProcess() => new(
        System.Console.Out,
        System.Console.Error,
        System.Console.In,
        !System.Console.IsOutputRedirected,
        System.Environment.GetEnvironmentVariable,
        TimeProvider.System);
}
