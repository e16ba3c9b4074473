using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;
using Alpha.Workflows.Llm;

namespace Alpha.Workflows;

/// <summary>One request to run a workflow.</summary>
/// <param name="Workflow">The workflow spec.</param>
/// <param name="Agents">The agent specs its nodes name, by name.</param>
/// <param name="Inputs">The run's inputs; declared defaults fill what is missing.</param>
/// <param name="ExperimentId">The experiment the run belongs to (generated when null).</param>
/// <param name="ParentRunId">The run this one replays.</param>
/// <param name="Recorded">When set, every model call is served from these recorded calls (recorded replay).</param>
/// <param name="Workflows">The workflow specs its nested-workflow nodes (<c>workflow: name</c>) name, by name; their agents come from <paramref name="Agents"/>.</param>
/// <param name="RunCreated">Called once the run's row exists and is running, before any node starts (a scheduler links its fire to the run).</param>
public sealed record WorkflowDispatch(
    WorkflowSpec Workflow,
    IReadOnlyDictionary<string, AgentSpec> Agents,
    JsonObject? Inputs = null,
    string? ExperimentId = null,
    string? ParentRunId = null,
    RecordedCalls? Recorded = null,
    IReadOnlyDictionary<string, WorkflowSpec>? Workflows = null,
    Func<WorkflowRun, CancellationToken, Task>? RunCreated = null);
