using System.CommandLine;
using Alpha.Cli.Hosting;
using Alpha.Runtime.Security;
using Alpha.Server;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha serve</c>: the REST and streaming surface (Alpha.Server) on the embedded defaults. Parses and calls the server; nothing else.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext cli)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen (several separated by ';').", DefaultValueFactory = _ => "http://127.0.0.1:8000" };
        var db = LedgerAccess.CreateOption();
        var command = new Command("serve", "Serve the REST API (specs, workflows, incidents, runs), live frames over SSE and WebSocket, and the API page; every route but /healthz needs a token (alpha auth token).") { urls, db };
        command.SetAction(async (parse, ct) =>
        {
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
                    Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Environment = cli.Environment,
                    Limits = limits,
                    Time = cli.Time,
                    ModelClients = WorkflowModels.From(cli),
                };
                await cli.Error.WriteLineAsync($"alpha serve: listening on {string.Join(", ", options.Urls)}; ledger {store.Location}; API page at /scalar/v1; stop with Ctrl+C");
                try
                {
                    await AlphaServer.RunAsync(options, cancellationToken: ct);
                }
                catch (IOException ex)
                {
                    await cli.Error.WriteLineAsync($"error: cannot listen on {string.Join(", ", options.Urls)}: {ex.Message}");
                    return ExitCodes.Failure;
                }

                await cli.Error.WriteLineAsync("alpha serve: stopped (runs in flight were recorded as cancelled)");
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
