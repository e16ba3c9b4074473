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
        var cluster = ClusterAccess.CreateOption();
        var siloPort = ClusterAccess.CreateSiloPortOption();
        var gatewayPort = ClusterAccess.CreateGatewayPortOption();
        var command = new Command("serve", "Serve the REST API (specs, workflows, incidents, runs), live frames over SSE and WebSocket, and the API page; every route but /healthz needs a token (alpha auth token).") { urls, db, cluster, siloPort, gatewayPort };
        command.SetAction(async (parse, ct) =>
        {
            InputLimits limits;
            try
            {
                limits = InputLimits.FromEnvironment(cli.Environment);
                ServerEnvironment.Validate(cli.Environment);
            }
            catch (ArgumentException ex)
            {
                await cli.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }

            Alpha.Cluster.AlphaClusterOptions? clusterOptions;
            try
            {
                clusterOptions = ClusterAccess.Resolve(cli, parse.GetValue(cluster), parse.GetValue(siloPort), parse.GetValue(gatewayPort));
                clusterOptions?.Validate();
                if (clusterOptions is not null && !string.IsNullOrWhiteSpace(parse.GetValue(db)))
                {
                    throw new ArgumentException("give --cluster or --db, not both: a node's ledger is the cluster's PostgreSQL");
                }
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                await cli.Error.WriteLineAsync($"error: --cluster: {ex.Message}");
                return ExitCodes.BadInput;
            }

            // A node's ledger is the cluster's PostgreSQL (docs/scale-out.md).
            var (store, code) = await LedgerAccess.OpenAsync(cli, clusterOptions?.ConnectionString ?? parse.GetValue(db), ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                Alpha.Cluster.Hosting.ClusterNode? node = null;
                try
                {
                    node = clusterOptions is null ? null : await ClusterNodes.StartAsync(cli, clusterOptions, store, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
                {
                    await cli.Error.WriteLineAsync($"error: cannot join the cluster on ports {clusterOptions!.SiloPort}/{clusterOptions.GatewayPort}: {ex.Message}");
                    return ExitCodes.Failure;
                }

                await using var leave = node;
                var options = new ServerOptions
                {
                    Ledger = store,
                    Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                    Environment = cli.Environment,
                    Limits = limits,
                    Time = cli.Time,
                    ModelClients = WorkflowModels.From(cli),
                    Cluster = node?.Gateway,
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
