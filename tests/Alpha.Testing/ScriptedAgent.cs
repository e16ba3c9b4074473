using Alpha.Runtime.Agents;
using Alpha.Runtime.Schemas;
using Microsoft.Extensions.AI;

namespace Alpha.Testing;

/// <summary>A hand-written fake agent whose behaviour is a delegate: return claims, throw, hang, or anything else.</summary>
public sealed class ScriptedAgent : BaseAgent
{
    private readonly Func<AgentContext, CancellationToken, Task<AgentResult>> _run;

    public ScriptedAgent(string name, Func<AgentContext, CancellationToken, Task<AgentResult>> run, IChatClient? chatClient = null)
        : base(name, chatClient)
    {
        _run = run;
    }

    /// <summary>Times the agent's core started and ended (executor-independent), for concurrency assertions.</summary>
    public DateTimeOffset? CoreStarted { get; private set; }

    public DateTimeOffset? CoreEnded { get; private set; }

    public int Runs { get; private set; }

    public static ScriptedAgent Returning(string name, params HypothesisClaim[] claims) =>
        new(name, (_, _) => Task.FromResult(new AgentResult(name, claims)));

    public static ScriptedAgent Throwing(string name, Exception exception) =>
        new(name, (_, _) => Task.FromException<AgentResult>(exception));

    /// <summary>Waits until cancelled (honours the token).</summary>
    public static ScriptedAgent Hanging(string name) =>
        new(name, async (_, ct) =>
        {
            await Task.Delay(System.Threading.Timeout.Infinite, ct);
            return new AgentResult(name, []);
        });

    /// <summary>Blocks forever and ignores its token: the executor must stop waiting anyway.</summary>
    public static ScriptedAgent Stubborn(string name, ManualResetEventSlim release) =>
        new(name, (_, _) =>
        {
            release.Wait(CancellationToken.None);
            return Task.FromResult(new AgentResult(name, []));
        });

    protected override async Task<AgentResult> RunCoreAsync(AgentContext context, CancellationToken cancellationToken)
    {
        Runs++;
        CoreStarted = DateTimeOffset.UtcNow;
        try
        {
            return await _run(context, cancellationToken);
        }
        finally
        {
            CoreEnded = DateTimeOffset.UtcNow;
        }
    }
}
