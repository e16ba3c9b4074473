using Alpha.Cluster;
using Alpha.Cluster.Hosting;
using Alpha.Cluster.Runs;
using Alpha.Platform.Ledger;

namespace Alpha.Cli.Hosting;

/// <summary>Starts this process as a node of the cluster (<c>alpha serve --cluster</c>): its runs on the opened ledger, its models as the CLI configures them.</summary>
internal static class ClusterNodes
{
    public static async Task<ClusterNode> StartAsync(CliContext cli, AlphaClusterOptions cluster, ILedgerStore ledger, CancellationToken cancellationToken)
    {
        var node = await ClusterNode.StartAsync(
            cluster,
            new ClusterRuntimeOptions { Ledger = ledger, ModelClients = WorkflowModels.From(cli), MaxAttempts = cluster.MaxAttempts, Time = cli.Time },
            cancellationToken);
        await cli.Error.WriteLineAsync($"alpha serve: node {node.Silo} joined cluster {cluster.ClusterId} (gateway port {cluster.GatewayPort})");
        return node;
    }
}
