using Alpha.Hosting.Analysis;
using Alpha.Platform.Specs;
using Alpha.Sre.Agents;
using Alpha.Workflows.Adapters.Debate;
using Alpha.Workflows.Adapters.GroupChat;
using Alpha.Workflows.Nodes;

namespace Alpha.Hosting.Workflows;

/// <summary>
/// The SRE vertical's workflow nodes, marked by <c>options.analysis: incident_analysis</c> (the shipped analysis
/// spec, whose thresholds and ranking they use): an <c>execution</c> node runs the full incident analysis on the run's
/// <c>incident</c> input with the node's agents (SRE specialists, optionally <c>synthesis</c>); a <c>debate</c> node
/// runs the incident debate among the node's specialists for <c>options.rounds</c> rounds, judged by the SRE judge.
/// Other nodes are left to the next factory.
/// </summary>
public sealed class IncidentNodeFactory : INodeFactory
{
    /// <summary>The option that marks an incident node.</summary>
    public const string AnalysisOption = "analysis";

    /// <inheritdoc />
    public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(agents);
        if (node.Options?[AnalysisOption] is null || node.Adapter is not ("execution" or "debate"))
        {
            return null;
        }

        var debate = node.Adapter == "debate";
        var options = debate ? new NodeOptions(node, AnalysisOption, "rounds") : new NodeOptions(node, AnalysisOption);
        var rounds = debate ? options.WholeNumber("rounds", DebateNodeFactory.DefaultRounds, 1, DebateNodeFactory.MaxRounds) : 0;
        if (node.Options[AnalysisOption]!.ToJsonString() != $"\"{AnalysisSpecs.DefaultName}\"")
        {
            options.Fail(AnalysisOption, $"names the analysis spec to run; only the shipped '{AnalysisSpecs.DefaultName}' is available to workflows, but it is {node.Options[AnalysisOption]!.ToJsonString()}");
        }

        var unknown = agents.Where(a => !SreAgents.Specialists.Contains(a.Name) && (debate || a.Name != SreAgents.Synthesis)).Select(a => a.Name).ToArray();
        if (unknown.Length > 0)
        {
            options.Fail(null, $"{string.Join(", ", unknown)} {(unknown.Length == 1 ? "is not an SRE specialist" : "are not SRE specialists")}; an incident {node.Adapter} node names {string.Join(", ", SreAgents.Specialists)}{(debate ? string.Empty : $" (and optionally {SreAgents.Synthesis})")}");
        }

        var specialists = agents.Where(a => SreAgents.Specialists.Contains(a.Name)).ToArray();
        if (specialists.Length < (debate ? 2 : 1))
        {
            options.Fail(null, debate ? "an incident debate needs at least two SRE specialists" : "an incident analysis needs at least one SRE specialist");
        }

        options.ThrowIfInvalid();
        var spec = AnalysisSpecs.Default with
        {
            Agents = [.. specialists.Select(a => new SpecReference(a.Name))],
            Synthesis = !debate && agents.Any(a => a.Name == SreAgents.Synthesis) ? new SpecReference(SreAgents.Synthesis) : null,
        };
        return debate ? new IncidentDebateNodeBody(spec, specialists, rounds) : new IncidentAnalysisNodeBody(spec);
    }
}
