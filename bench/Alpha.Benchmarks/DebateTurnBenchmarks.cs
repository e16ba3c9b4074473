using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.Debate;
using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;
using BenchmarkDotNet.Attributes;

namespace Alpha.Benchmarks;

/// <summary>
/// The framework cost of a debate turn: two deterministic participants (no model, a constant answer) argue for
/// <see cref="Rounds"/> rounds over Agent Framework's round-robin group chat (each one a <c>ChatClientAgent</c>
/// whose session grows every turn). Mean / (2 x Rounds) is the engine's time per turn; growth 2 -> 16 rounds
/// shows whether a turn's cost grows with the transcript.
/// </summary>
[MemoryDiagnoser]
public class DebateTurnBenchmarks
{
    private NodeInvocation _invocation = null!;
    private GroupChatParticipant[] _participants = [];

    [Params(2, 16)]
    public int Rounds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _invocation = new NodeInvocation("run_bench", "debate", new JsonObject { ["ticket"] = "checkout latency" }, [], _ => null, (_, _) => { }, EmitFrame: (_, _, _) => { });
        _participants = [.. ((string[])["pro", "con"]).Select(name => new GroupChatParticipant(new AgentSpec(name, null, AgentSpec.DeterministicModel, "llm"), null, _ => $"{name} argues"))];
    }

    [Benchmark]
    public async Task<int> Debate()
    {
        var session = await DebateRunner.RunAsync(_invocation, _participants, Rounds, "inputs: {}", CancellationToken.None);
        var turns = session.Transcript.Turns.Count;
        return turns == 2 * Rounds ? turns : throw new InvalidOperationException($"expected {2 * Rounds} turns, got {turns}");
    }
}
