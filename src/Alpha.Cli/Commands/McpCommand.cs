using System.CommandLine;
using Alpha.Cli.Hosting;
using Alpha.Runtime.Security;
using Alpha.Server;
using Alpha.Server.Mcp;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha mcp</c>: Alpha's MCP tools over stdio (Alpha.Mcp, hosted by Alpha.Server's <see cref="McpStdioHost"/>). stdout carries only the protocol.</summary>
internal static class McpCommand
{
    public static Command Create(CliContext cli)
    {
        var db = LedgerAccess.CreateOption();
        var command = new Command("mcp", "Serve Alpha's MCP tools (analyze_incident, snapshot_spec, run_workflow, describe_run, list_runs, kill_run, search, fetch_page, list_pages) over stdio, for an MCP client that starts alpha as a child process; see docs/mcp.md.") { db };
        command.SetAction(async (parse, ct) =>
        {
            // Nothing but the protocol may reach stdout: every message of this command goes to stderr.
            InputLimits limits;
            try
            {
                limits = InputLimits.FromEnvironment(cli.Environment);
            }
            catch (ArgumentException ex)
            {
                await cli.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            var (store, code) = await LedgerAccess.OpenAsync(cli, parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var options = new ServerOptions
                {
                    Ledger = store,
                    Environment = cli.Environment,
                    Limits = limits,
                    Time = cli.Time,
                    ModelClients = WorkflowModels.From(cli),
                };
                await cli.Error.WriteLineAsync($"alpha mcp: serving MCP over stdio; ledger {store.Location}");
                await McpStdioHost.RunAsync(options, cancellationToken: ct);
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
