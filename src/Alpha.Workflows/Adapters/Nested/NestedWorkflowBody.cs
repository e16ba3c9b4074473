using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Control;
using Alpha.Workflows.Nodes;

namespace Alpha.Workflows.Adapters.Nested;

/// <summary>
/// A node that runs another workflow spec (<c>workflow: name</c>) as a child run: its own workflow_runs row with
/// <c>parent_run_id</c> = this run, the same kill switch (killing the parent cancels the child, and its in-flight
/// model calls), the parent's cost meter (the child's spending counts toward the parent's caps) and, in recorded
/// replay, the parent's recorded calls. The child's inputs are the parent's inputs, with each upstream node's
/// output added under that node's id. Its output is the output of the child's last node, or of its last nodes
/// (one <c>node: output</c> line each) when it has several.
/// </summary>
/// <param name="child">The child workflow spec.</param>
/// <param name="runChild">Runs the child: inputs, parent run id, token.</param>
internal sealed class NestedWorkflowBody(WorkflowSpec child, Func<JsonObject, string, CancellationToken, Task<WorkflowRunResult>> runChild) : WorkflowNodeBody
{
    /// <summary>The child workflow spec.</summary>
    public WorkflowSpec Child => child;

    protected override async Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        var inputs = invocation.Inputs.DeepClone().AsObject();
        foreach (var upstream in invocation.Upstream)
        {
            inputs[upstream.NodeId] = upstream.Text;
        }

        var result = await runChild(inputs, invocation.RunId, cancellationToken).ConfigureAwait(false);
        var run = result.Run;
        await (invocation.WriteFrame?.Invoke("child", $"child run {run.RunId} ({child.Name}) {LedgerNames.ToName(run.Status)}", new
        {
            node = invocation.NodeId,
            workflow = child.Name,
            child_run_id = run.RunId,
            status = LedgerNames.ToName(run.Status),
            tokens = run.TotalTokens,
        }) ?? Task.CompletedTask).ConfigureAwait(false);

        var sinks = child.Nodes.Where(n => child.Edges.All(e => e.Source != n.Id) && result.Outputs.ContainsKey(n.Id)).ToArray();
        var output = sinks.Length == 1 ? result.Outputs[sinks[0].Id] : string.Join("\n", sinks.Select(n => $"{n.Id}: {result.Outputs[n.Id]}"));
        return run.Status switch
        {
            RunStatus.Completed => output,
            RunStatus.Capped => throw new NodeBoundReachedException($"child run {run.RunId} ({child.Name}) capped: {run.Error}", output),
            RunStatus.Cancelled when cancellationToken.IsCancellationRequested => throw new OperationCanceledException(cancellationToken),
            _ => throw new InvalidOperationException($"child run {run.RunId} ({child.Name}) {LedgerNames.ToName(run.Status)}: {run.Error}"),
        };
    }
}
