using System.CommandLine;
using System.CommandLine.Invocation;
using Alpha.Cli.Commands;
using Alpha.Cli.Hosting;

namespace Alpha.Cli;

/// <summary>The <c>alpha</c> command tree. Thin: parses arguments, calls the layers, renders.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliContext cli)
    {
        var root = new RootCommand("Alpha: incident root-cause analysis by parallel specialist agents, a deterministic judge and an agreement-aware ranking.")
        {
            AnalyzeCommand.Create(cli),
            SpecsCommand.Create(cli),
            RunsCommand.Create(cli),
            WorkflowsCommand.Create(cli),
            FetchIncidentCommand.Create(cli),
            ImportCommand.Create(cli),
            EvalCommand.Create(cli),
            ServeCommand.Create(cli),
            AuthCommand.Create(cli),
            McpCommand.Create(cli),
            ClusterCommand.Create(cli),
        };
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        return root;
    }

    /// <summary>Runs one command line. <paramref name="cancellationToken"/> is the process's SIGINT/SIGTERM (see <see cref="TerminationSignals"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken = default)
    {
        using var telemetry = Telemetry.FromEnvironment(cli.Environment);
        var parse = Build(cli).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return await UsageErrorAsync(cli, parse);
        }

        // Signals are handled by the host (TerminationSignals), not by System.CommandLine, whose handler ends the
        // process after a fixed timeout whether or not the command has recorded its run.
        var config = new InvocationConfiguration { Output = cli.Out, Error = cli.Error, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(config, cancellationToken);
    }

    /// <summary>A command line that does not parse: each problem on a line of its own, then where to find the usage; exit 2.</summary>
    private static async Task<int> UsageErrorAsync(CliContext cli, ParseResult parse)
    {
        foreach (var message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            await cli.Error.WriteLineAsync($"error: {message}");
        }

        var path = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path.Insert(0, result.Command is RootCommand ? "alpha" : result.Command.Name);
        }

        await cli.Error.WriteLineAsync($"usage: {string.Join(' ', path)} --help lists the arguments and options");
        return ExitCodes.BadInput;
    }
}
