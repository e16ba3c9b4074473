using System.CommandLine;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Cluster.Hosting;
using Alpha.Cluster.Status;
using Alpha.Platform.Ledger;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha cluster status</c>: the nodes of the cluster, their state and the runs each drives (as GET /cluster). Connects as an Orleans client.</summary>
internal static class ClusterCommand
{
    public static Command Create(CliContext cli)
    {
        var cluster = ClusterAccess.CreateOption();
        var json = new Option<bool>("--json") { Description = "One JSON object (cluster_id, active_nodes, nodes: [{silo, name, host, status, started_at, alive_at, load, runs}])." };
        var status = new Command("status", "The nodes of the cluster (from its membership table), their status and the runs each drives.") { cluster, json };
        status.SetAction(async (parse, ct) =>
        {
            Alpha.Cluster.AlphaClusterOptions? options;
            try
            {
                options = ClusterAccess.Resolve(cli, parse.GetValue(cluster));
            }
            catch (FormatException ex)
            {
                await cli.Error.WriteLineAsync($"error: --cluster: {ex.Message}");
                return ExitCodes.BadInput;
            }

            if (options is null)
            {
                await cli.Error.WriteLineAsync($"error: no cluster: give --cluster POSTGRES or set {ClusterAccess.EnvironmentVariable} (without one, alpha runs as one process)");
                return ExitCodes.BadInput;
            }

            var (store, code) = await LedgerAccess.OpenAsync(cli, options.ConnectionString, ct);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                ClusterStatus result;
                try
                {
                    await using var connection = await ClusterClientConnection.ConnectAsync(options, store, ct);
                    result = await connection.Gateway.StatusAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
                {
                    await cli.Error.WriteLineAsync($"error: cannot reach cluster {options.ClusterId} (is a node up? alpha serve --cluster ...): {ex.Message}");
                    return ExitCodes.Failure;
                }

                if (parse.GetValue(json))
                {
                    await cli.Out.WriteLineAsync(ToJson(result).ToJsonString(LedgerJson.Options));
                    return ExitCodes.Ok;
                }

                await cli.Out.WriteLineAsync($"cluster {result.ClusterId}: {result.ActiveNodes} active node(s)");
                foreach (var node in result.Nodes)
                {
                    await cli.Out.WriteLineAsync($"  {node.Status,-12} {node.Silo}  host {node.Host}  started {node.StartedAt:u}  alive {node.AliveAt:u}  runs {node.Runs.Count}");
                }

                return ExitCodes.Ok;
            }
        });
        return new Command("cluster", "Scale-out on Orleans: the nodes sharing one PostgreSQL (docs/scale-out.md).") { status };
    }

    private static JsonObject ToJson(ClusterStatus status)
    {
        var nodes = new JsonArray();
        foreach (var node in status.Nodes)
        {
            nodes.Add(new JsonObject
            {
                ["silo"] = node.Silo,
                ["name"] = node.Name,
                ["host"] = node.Host,
                ["status"] = node.Status,
                ["started_at"] = node.StartedAt,
                ["alive_at"] = node.AliveAt,
                ["load"] = node.Runs.Count,
                ["runs"] = new JsonArray([.. node.Runs.Select(r => (JsonNode)r)]),
            });
        }

        return new JsonObject { ["cluster_id"] = status.ClusterId, ["active_nodes"] = status.ActiveNodes, ["nodes"] = nodes };
    }
}
