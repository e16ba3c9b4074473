using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

/// <summary>Small specs for ledger tests.</summary>
internal static class TestSpecs
{
    public static AgentSpec Agent(string name = "researcher", string model = "openai/gpt-4o-mini", double? timeout = 30) =>
        new(name, "finds things", model, "llm", "Be careful.", ["web_search"], timeout, new CostCaps(4000));

    public static AnalysisSpec Analysis(string name = "incident", int topK = 5) =>
        new(name, null, [new SpecReference("logs"), new SpecReference("metrics")], new SpecReference("synthesis"), topK, new AnalysisThresholds(0.1, 30), new HumanReviewRule(0.5, 0.05));

    public static WorkflowSpec Workflow(string name = "flow", decimal maxUsd = 0.05m) =>
        new(
            name,
            "two nodes",
            new Dictionary<string, WorkflowInput> { ["question"] = new("string", true) },
            [new WorkflowNode("a", "graph", [new SpecReference("researcher")]), new WorkflowNode("b", "graph", [new SpecReference("summarizer", 1)])],
            [new WorkflowEdge("a", "b")],
            new CostCaps(8000, maxUsd));
}
