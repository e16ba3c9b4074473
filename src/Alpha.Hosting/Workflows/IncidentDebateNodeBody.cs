using System.Text.Json;
using Alpha.Hosting.Analysis;
using Alpha.Platform.Specs;
using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Judging;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Analysis;
using Alpha.Workflows.Adapters.Debate;
using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;
using Microsoft.Extensions.AI;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// The incident debate: the SRE specialists analyse the run's <c>incident</c> (the spec's analysis, without
/// synthesis), then challenge each other's top hypotheses for <c>rounds</c> rounds over the framework's round-robin
/// group chat (<see cref="DebateRunner"/>), each turn answering with claims and challenges. The SRE judge
/// (<see cref="JudgeLayer"/>, unchanged) then judges every claim, the openings' and the debate's, and the spec's
/// aggregator ranks the accepted ones. The output (JSON) is the ranking, every rejection with its round and reason,
/// and each turn's tally.
/// </summary>
internal sealed class IncidentDebateNodeBody(AnalysisSpec spec, IReadOnlyList<AgentSpec> specialists, int rounds) : WorkflowNodeBody
{
    protected override async Task<string> RunCoreAsync(NodeInvocation invocation, CancellationToken cancellationToken)
    {
        var incident = await IncidentInputs.LoadAsync(invocation.Inputs, cancellationToken).ConfigureAwait(false);
        var names = specialists.Select(s => s.Name).ToArray();
        var watch = new RunStopWatch();
        var runtimeOptions = AnalysisComposer.RuntimeOptionsOf(spec);
        var analyzer = new SreAnalyzer(new SreAnalyzerOptions { Runtime = runtimeOptions, Agents = names, Synthesis = false, ChatClients = watch.ClientsFor(invocation, names) });
        var execution = await analyzer.Runtime.ExecuteAsync(incident, cancellationToken: cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        watch.ThrowIfStopped();

        var signalIds = execution.SignalsUsed.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var openings = execution.Agents.Where(a => a.Result is not null).Select(a => a.Result!).ToArray();
        var openingReport = JudgeLayer.Judge(openings, signalIds.Contains);
        var rules = new IncidentDebateRules(
            names,
            names.ToDictionary(n => n, n => (IReadOnlyList<Hypothesis>)[.. openingReport.Accepted.Where(h => h.ContributingAgent == n)], StringComparer.Ordinal));

        var participants = specialists.Select(s => new GroupChatParticipant(s, rules.SystemPrompt(s.Name), messages => rules.Argue(s.Name, RoundOf(messages, names.Length)).ToJson())).ToArray();
        var session = await DebateRunner.RunAsync(invocation, participants, rounds, rules.Prompt(incident.DeploymentId, execution.SignalsUsed), cancellationToken).ConfigureAwait(false);

        // The judge: the same deterministic rules for the openings and for every claim made in the debate.
        var accepted = new List<Hypothesis>(openingReport.Accepted);
        var rejected = openingReport.Rejected.Select(v => Rejection(v, 0)).ToList();
        var turns = new List<object>();
        foreach (var turn in session.Transcript.Turns)
        {
            var round = (turn.Index / names.Length) + 1;
            var argument = DebateArgument.Parse(turn.Text);
            var verdicts = JudgeLayer.Judge([new AgentResult(turn.Agent, argument.Claims)], signalIds.Contains);
            accepted.AddRange(verdicts.Accepted);
            rejected.AddRange(verdicts.Rejected.Select(v => Rejection(v, round)));
            turns.Add(new { round, agent = turn.Agent, readable = argument.Readable, claims = argument.Claims.Count, accepted = verdicts.Accepted.Count, challenges = argument.Challenges });
        }

        var ranking = new Aggregator(runtimeOptions.Aggregator).Aggregate(accepted);
        return JsonSerializer.Serialize(
            new
            {
                deploymentId = incident.DeploymentId,
                analysis = spec.Name,
                rounds,
                rankedHypotheses = ranking.Ranked,
                rejected,
                turns,
            },
            AlphaJson.Options);
    }

    /// <summary>The round of the turn a participant is asked for: its messages are the system prompt, the debate's input and every earlier turn.</summary>
    private static int RoundOf(IReadOnlyList<ChatMessage> messages, int participants) =>
        ((messages.Count(m => m.Role != ChatRole.System) - 1) / participants) + 1;

    private static object Rejection(JudgeVerdict verdict, int round) =>
        new { round, agent = verdict.Agent, label = verdict.Label, reason = verdict.Reason, rules = verdict.Violations.Select(v => v.Rule) };
}
