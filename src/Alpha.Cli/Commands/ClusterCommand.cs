using System.CommandLine;
using System.Text.Json.Nodes;
using Alpha.Cli.Hosting;
using Alpha.Cluster.Status;
using Alpha.Platform.Ledger;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha cluster status</c>: the nodes of the cluster, their state and the runs each drives (as GET /cluster). Connects as an Orleans client. <c>alpha cluster schedules</c>: <see cref="ClusterSchedulesCommand"/>.</summary>
internal static class ClusterCommand
{
    public static Command Create(CliContext cli)
    {
        var cluster = ClusterAccess.CreateOption();
        var json = new Option<bool>("--json") { Description = "One JSON object (cluster_id, active_nodes, nodes: [{silo, name, host, status, started_at, alive_at, load, runs}])." };
        var status = new Command("status", "The nodes of the cluster (from its membership table), their status and the runs each drives.") { cluster, json };
        status.SetAction((parse, ct) => ClusterSchedulesCommand.WithClusterAsync(cli, parse.GetValue(cluster), _ => Task.FromResult(ExitCodes.Ok), async (gateway, _) =>
        {
            var result = await gateway.StatusAsync(ct);
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
        }, ct));
        return new Command("cluster", "Scale-out on Orleans: the nodes sharing one PostgreSQL (docs/scale-out.md).") { status, ClusterSchedulesCommand.Create(cli) };
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
