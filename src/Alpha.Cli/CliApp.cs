using System.CommandLine;
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
        };
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext cli, CancellationToken cancellationToken = default)
    {
        using var telemetry = Telemetry.FromEnvironment(cli.Environment);
        var parse = Build(cli).Parse(args);
        var config = new InvocationConfiguration { Output = cli.Out, Error = cli.Error };
        return await parse.InvokeAsync(config, cancellationToken);
    }
}
