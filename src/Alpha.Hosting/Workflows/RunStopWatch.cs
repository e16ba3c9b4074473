using System.Runtime.ExceptionServices;
using Alpha.Workflows.Nodes;
using Microsoft.Extensions.AI;

namespace Alpha.Hosting.Workflows;

/// <summary>The model clients of one incident node execution, and the first run-stopping failure any of them saw.</summary>
internal sealed class RunStopWatch
{
    private ExceptionDispatchInfo? _kept;

    /// <summary>The clients of <paramref name="agents"/> that have a model (deterministic agents have none).</summary>
    public IReadOnlyDictionary<string, IChatClient> ClientsFor(NodeInvocation invocation, IEnumerable<string> agents)
    {
        var clients = new Dictionary<string, IChatClient>(StringComparer.Ordinal);
        foreach (var name in agents)
        {
            if (invocation.ChatClient(name) is { } client)
            {
                clients[name] = new RunStopWatchChatClient(client, this);
            }
        }

        return clients;
    }

    public void Keep(Exception exception) => Interlocked.CompareExchange(ref _kept, ExceptionDispatchInfo.Capture(exception), null);

    /// <summary>Rethrows the kept failure with its type.</summary>
    public void ThrowIfStopped() => Volatile.Read(ref _kept)?.Throw();
}
