using Alpha.Platform.Specs;

namespace Alpha.Workflows.Nodes;

/// <summary>The <c>execution</c> adapter for an agent: one node, one agent turn.</summary>
internal sealed class ExecutionNodeBody(AgentSpec agent) : WorkflowNodeBody
{
    protected override Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken) =>
        AgentCall.RunAsync(agent, invocation, AgentCall.Prompt(invocation), cancellationToken);
}
