namespace Alpha.Workflows.Nodes;

/// <summary>
/// What one workflow node does when it runs: call an agent, merge its inputs, run an analysis. Created per run
/// by an <see cref="INodeFactory"/>; the runtime wraps every execution with frames, ledger rows, the kill switch
/// and the cost caps.
/// </summary>
public abstract class WorkflowNodeBody
{
    /// <summary>Runs the node once and returns its output.</summary>
    public Task<string> RunAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        cancellationToken.ThrowIfCancellationRequested();
        return RunCoreAsync(invocation, cancellationToken);
    }

    /// <summary>The node's work.</summary>
    protected abstract Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken);
}
