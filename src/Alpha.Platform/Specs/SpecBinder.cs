using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alpha.Runtime.Aggregation;
using Alpha.Runtime.Execution;

namespace Alpha.Platform.Specs;

/// <summary>
/// Turns a <see cref="SpecTree"/> into a typed <see cref="Spec"/>, collecting every problem (unknown fields
/// included, so that a typo never passes silently) with its line before failing.
/// </summary>
internal sealed partial class SpecBinder
{
    private readonly SpecTree _tree;
    private readonly List<SpecError> _errors = [];

    private SpecBinder(SpecTree tree)
    {
        _tree = tree;
    }

    public static Spec Bind(SpecTree tree)
    {
        var binder = new SpecBinder(tree);
        var spec = binder.BindRoot();
        if (binder._errors.Count > 0 || spec is null)
        {
            throw new SpecValidationException(binder._errors.Count > 0 ? [.. binder._errors.OrderBy(e => e.Line ?? 0)] : [binder.Error("$", "is not a spec")]);
        }

        return spec;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();

    private Spec? BindRoot()
    {
        if (_tree.Root is not JsonObject root)
        {
            Fail("$", "must be a mapping (object) with at least kind and name");
            return null;
        }

        var kindText = String(root, "$", "kind", required: true);
        if (kindText is null)
        {
            return null;
        }

        if (!SpecKindNames.TryParse(kindText, out var kind))
        {
            Fail("kind", $"'{kindText}' is not a spec kind; use one of {string.Join(", ", SpecKindNames.All)}");
            return null;
        }

        return kind switch
        {
            SpecKind.Agent => BindAgent(root),
            SpecKind.Analysis => BindAnalysis(root),
            _ => BindWorkflow(root),
        };
    }

    private AgentSpec? BindAgent(JsonObject root)
    {
        Known(root, "$", "kind", "name", "description", "model", "agent_kind", "system_prompt", "tools", "timeout_seconds", "cost_caps");
        var name = Name(root, "$", "name");
        var description = String(root, "$", "description", required: false);
        var model = String(root, "$", "model", required: true);
        if (model is not null && (model.Any(char.IsWhiteSpace) || model.StartsWith('/') || model.EndsWith('/')))
        {
            Fail("model", $"'{model}' is not a model id; write provider/model (e.g. openai/gpt-4o-mini) or {AgentSpec.DeterministicModel}");
        }

        var agentKind = OneOf(root, "$", "agent_kind", AgentSpec.AgentKinds, required: true);
        var prompt = String(root, "$", "system_prompt", required: false);
        var tools = StringList(root, "$", "tools");
        var timeout = PositiveNumber(root, "$", "timeout_seconds");
        CostCaps? caps = null;
        if (Object(root, "$", "cost_caps") is { } capsNode)
        {
            Known(capsNode, "cost_caps", "per_node_max_tokens");
            caps = new CostCaps(PositiveInteger(capsNode, "cost_caps", "per_node_max_tokens"));
            if (caps.PerNodeMaxTokens is null)
            {
                caps = null;
            }
        }

        return name is null || model is null || agentKind is null ? null : new AgentSpec(name, description, model, agentKind, prompt, tools, timeout, caps);
    }

    private AnalysisSpec? BindAnalysis(JsonObject root)
    {
        Known(root, "$", "kind", "name", "description", "agents", "synthesis", "top_k", "thresholds", "human_review");
        var name = Name(root, "$", "name");
        var description = String(root, "$", "description", required: false);
        var agents = References(root, "$", "agents", required: true);
        var synthesis = root.ContainsKey("synthesis") && root["synthesis"] is not null ? Reference(root["synthesis"], "synthesis") : null;
        // What the spec leaves out takes the runtime's defaults (AggregatorOptions, ExecutorOptions, HumanReviewPolicy):
        // the one place they are written.
        var aggregatorDefaults = new AggregatorOptions();
        var topK = PositiveInteger(root, "$", "top_k") ?? aggregatorDefaults.TopK;
        if (topK > int.MaxValue)
        {
            Fail("top_k", "is too large");
        }

        var thresholds = new AnalysisThresholds(aggregatorDefaults.AgreementBonus, new ExecutorOptions().DefaultAgentTimeout.TotalSeconds);
        if (Object(root, "$", "thresholds") is { } t)
        {
            Known(t, "thresholds", "agreement_bonus", "agent_timeout_seconds");
            thresholds = new AnalysisThresholds(
                Number(t, "thresholds", "agreement_bonus", 0, 1) ?? thresholds.AgreementBonus,
                PositiveNumber(t, "thresholds", "agent_timeout_seconds") ?? thresholds.AgentTimeoutSeconds);
        }

        var reviewDefaults = new HumanReviewPolicy();
        var review = new HumanReviewRule(reviewDefaults.MinTopScore, reviewDefaults.MinMargin);
        if (Object(root, "$", "human_review") is { } h)
        {
            Known(h, "human_review", "min_top_score", "min_margin");
            review = new HumanReviewRule(
                Number(h, "human_review", "min_top_score", 0, 1) ?? review.MinTopScore,
                Number(h, "human_review", "min_margin", 0, 1) ?? review.MinMargin);
        }

        return name is null || agents is null ? null : new AnalysisSpec(name, description, agents, synthesis, (int)Math.Min(topK, int.MaxValue), thresholds, review);
    }

    private WorkflowSpec? BindWorkflow(JsonObject root)
    {
        Known(root, "$", "kind", "name", "description", "inputs", "nodes", "edges", "cost_caps", "layout");
        var name = Name(root, "$", "name");
        var description = String(root, "$", "description", required: false);
        var inputs = new SortedDictionary<string, WorkflowInput>(StringComparer.Ordinal);
        if (Object(root, "$", "inputs") is { } inputsNode)
        {
            foreach (var (inputName, value) in inputsNode)
            {
                var path = SpecTree.Child("inputs", inputName);
                if (!NamePattern().IsMatch(inputName))
                {
                    Fail(path, "input names use letters, digits, _, - and . only");
                }

                if (BindInput(value, path) is { } input)
                {
                    inputs[inputName] = input;
                }
            }
        }

        var nodes = new List<WorkflowNode>();
        if (Array(root, "$", "nodes", required: true) is { } nodeArray)
        {
            if (nodeArray.Count == 0)
            {
                Fail("nodes", "needs at least one node");
            }

            for (var i = 0; i < nodeArray.Count; i++)
            {
                if (BindNode(nodeArray[i], SpecTree.Item("nodes", i)) is { } node)
                {
                    if (nodes.Any(n => n.Id == node.Id))
                    {
                        Fail(SpecTree.Child(SpecTree.Item("nodes", i), "id"), $"node id '{node.Id}' is used twice; ids must be unique");
                    }

                    nodes.Add(node);
                }
            }
        }

        var allNodesBound = root["nodes"] is JsonArray declared && nodes.Count == declared.Count;
        var edges = new List<WorkflowEdge>();
        if (Array(root, "$", "edges", required: false) is { } edgeArray)
        {
            for (var i = 0; i < edgeArray.Count; i++)
            {
                var path = SpecTree.Item("edges", i);
                if (edgeArray[i] is not JsonObject e)
                {
                    Fail(path, "must be a mapping {from: node, to: node}");
                    continue;
                }

                Known(e, path, "from", "to", "when");
                var source = String(e, path, "from", required: true);
                var target = String(e, path, "to", required: true);
                var when = e.ContainsKey("when") ? BindEdgeCondition(e["when"], SpecTree.Child(path, "when"), nodes, allNodesBound) : null;
                if (source is null || target is null || (e.ContainsKey("when") && when is null))
                {
                    continue;
                }

                if (allNodesBound && nodes.All(n => n.Id != source))
                {
                    Fail(SpecTree.Child(path, "from"), $"'{source}' is not a node id; known nodes: {string.Join(", ", nodes.Select(n => n.Id))}");
                }
                else if (allNodesBound && nodes.All(n => n.Id != target))
                {
                    Fail(SpecTree.Child(path, "to"), $"'{target}' is not a node id; known nodes: {string.Join(", ", nodes.Select(n => n.Id))}");
                }
                else if (source == target)
                {
                    Fail(path, $"node '{source}' cannot depend on itself");
                }
                else if (edges.Any(x => x.Source == source && x.Target == target))
                {
                    Fail(path, $"the edge {source} -> {target} is listed twice");
                }
                else
                {
                    edges.Add(new WorkflowEdge(source, target, when));
                }
            }
        }

        if (FindCycle(nodes, edges) is { } cycle)
        {
            Fail("edges", $"the workflow must be acyclic, but {string.Join(" -> ", cycle)} is a cycle");
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            if (name is not null && nodes[i].Workflow?.Name == name)
            {
                Fail(SpecTree.Child(SpecTree.Item("nodes", i), "workflow"), $"workflow {name} cannot run itself as a node (a workflow cycle)");
            }
        }

        CostCaps? caps = null;
        if (Object(root, "$", "cost_caps") is { } capsNode)
        {
            Known(capsNode, "cost_caps", "per_node_max_tokens", "per_run_max_usd");
            var usd = Number(capsNode, "cost_caps", "per_run_max_usd", 0, 1e9);
            caps = new CostCaps(PositiveInteger(capsNode, "cost_caps", "per_node_max_tokens"), usd is { } u ? (decimal)u : null);
            if (caps.PerNodeMaxTokens is null && caps.PerRunMaxUsd is null)
            {
                caps = null;
            }
        }

        var layout = BindLayout(root, nodes, allNodesBound);
        return name is null ? null : new WorkflowSpec(name, description, inputs, nodes, edges, caps, layout);
    }

    /// <summary>
    /// <c>layout: {node_id: {x, y}}</c>, where the studio canvas draws each node; checked as a <c>studio</c> node's
    /// layout is (docs/workflows.md, "Studio"): every key a node id, every place two numbers. Empty is the same as none.
    /// </summary>
    private SortedDictionary<string, NodePlace>? BindLayout(JsonObject root, List<WorkflowNode> nodes, bool allNodesBound)
    {
        if (Object(root, "$", "layout") is not { } places)
        {
            return null;
        }

        var layout = new SortedDictionary<string, NodePlace>(StringComparer.Ordinal);
        foreach (var (id, place) in places)
        {
            var path = SpecTree.Child("layout", id);
            if (allNodesBound && nodes.All(n => n.Id != id))
            {
                Fail(path, $"'{id}' is not a node id; known nodes: {string.Join(", ", nodes.Select(n => n.Id))}");
                continue;
            }

            if (place is not JsonObject xy || xy.Count != 2 || Coordinate(xy["x"]) is not { } x || Coordinate(xy["y"]) is not { } y)
            {
                Fail(path, "must be {x: number, y: number}, e.g. {x: 120, y: 40}");
                continue;
            }

            layout[id] = new NodePlace(x, y);
        }

        return layout.Count == 0 ? null : layout;
    }

    private static double? Coordinate(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) is var d && double.IsFinite(d) ? d : null;

    private WorkflowInput? BindInput(JsonNode? node, string path)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            // Shorthand: `question: string` declares an optional input of that type.
            var type = v.GetValue<string>();
            if (!WorkflowInput.Types.Contains(type))
            {
                Fail(path, $"'{type}' is not an input type; use one of {string.Join(", ", WorkflowInput.Types)}");
                return null;
            }

            return new WorkflowInput(type);
        }

        if (node is not JsonObject obj)
        {
            Fail(path, "must be a type name (e.g. string) or a mapping {type, required, description, default}");
            return null;
        }

        Known(obj, path, "type", "required", "description", "default");
        var inputType = OneOf(obj, path, "type", WorkflowInput.Types, required: true);
        var required = Bool(obj, path, "required") ?? false;
        var description = String(obj, path, "description", required: false);
        var defaultValue = obj["default"]?.DeepClone();
        return inputType is null ? null : new WorkflowInput(inputType, required, description, defaultValue);
    }

    private WorkflowNode? BindNode(JsonNode? node, string path)
    {
        if (node is not JsonObject obj)
        {
            Fail(path, "must be a mapping {id, adapter, agent or agents, options}");
            return null;
        }

        Known(obj, path, "id", "adapter", "agent", "agents", "workflow", "options");
        var id = Name(obj, path, "id");
        var adapter = OneOf(obj, path, "adapter", WorkflowSpec.AdapterKinds, required: true);
        IReadOnlyList<SpecReference>? agents = null;
        SpecReference? workflow = null;
        if (obj.ContainsKey("workflow"))
        {
            // A nested workflow: the node runs another workflow spec as a child run.
            if (obj.ContainsKey("agent") || obj.ContainsKey("agents"))
            {
                Fail(path, "give either workflow (a nested workflow) or agent/agents, not both");
            }
            else if (adapter is not null && adapter != "execution")
            {
                Fail(SpecTree.Child(path, "adapter"), $"a node with workflow runs it as a child run: use adapter execution, not {adapter}");
            }
            else if (Reference(obj["workflow"], SpecTree.Child(path, "workflow")) is { } child)
            {
                workflow = child;
                agents = [];
            }
        }
        else if (obj.ContainsKey("agent") && obj.ContainsKey("agents"))
        {
            Fail(path, "give either agent (one) or agents (a list), not both");
        }
        else if (obj.ContainsKey("agent"))
        {
            agents = Reference(obj["agent"], SpecTree.Child(path, "agent")) is { } one ? [one] : null;
        }
        else
        {
            agents = References(obj, path, "agents", required: false);
            if (agents is null && !obj.ContainsKey("agents") && adapter == "schedule")
            {
                // A schedule node is a trigger: it runs no agent, options.workflow names what it dispatches.
                agents = [];
            }
            else if (agents is null && !obj.ContainsKey("agents"))
            {
                Fail(path, "needs agent (the agent spec it runs), agents (a list of them) or workflow (a nested workflow)");
            }
        }

        var options = Object(obj, path, "options") is { Count: > 0 } o ? (JsonObject)o.DeepClone() : null;
        return id is null || adapter is null || agents is null ? null : new WorkflowNode(id, adapter, agents, options, workflow);
    }

    private EdgeCondition? BindEdgeCondition(JsonNode? node, string path, List<WorkflowNode> nodes, bool allNodesBound)
    {
        var failed = false;
        var condition = EdgeCondition.Parse(node, path, (field, message) =>
        {
            failed = true;
            Fail(field, message);
        });
        if (condition?.Key is { } key && allNodesBound && !key.StartsWith("inputs.", StringComparison.Ordinal) && nodes.All(n => n.Id != key))
        {
            Fail(SpecTree.Child(path, "key"), $"'{key}' is neither a node id nor inputs.NAME; leave key out to read the source node's output (known nodes: {string.Join(", ", nodes.Select(n => n.Id))})");
            return null;
        }

        return failed ? null : condition;
    }

    private List<SpecReference>? References(JsonObject obj, string path, string key, bool required)
    {
        if (Array(obj, path, key, required) is not { } array)
        {
            return null;
        }

        var field = SpecTree.Child(path, key);
        if (array.Count == 0)
        {
            Fail(field, "needs at least one agent spec name");
            return null;
        }

        var list = new List<SpecReference>();
        for (var i = 0; i < array.Count; i++)
        {
            if (Reference(array[i], SpecTree.Item(field, i)) is { } reference)
            {
                if (list.Any(r => r.Name == reference.Name))
                {
                    Fail(SpecTree.Item(field, i), $"'{reference.Name}' is listed twice");
                }

                list.Add(reference);
            }
        }

        return list.Count == array.Count ? list : null;
    }

    private SpecReference? Reference(JsonNode? node, string path)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var text = v.GetValue<string>();
            var at = text.LastIndexOf('@');
            var name = at > 0 ? text[..at] : text;
            int? version = null;
            if (at > 0)
            {
                if (!int.TryParse(text[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pinned) || pinned < 1)
                {
                    Fail(path, $"'{text}': the version after @ must be a whole number from 1");
                    return null;
                }

                version = pinned;
            }

            if (!NamePattern().IsMatch(name))
            {
                Fail(path, $"'{name}' is not a spec name (letters, digits, _, - and . only)");
                return null;
            }

            return new SpecReference(name, version);
        }

        if (node is JsonObject obj)
        {
            Known(obj, path, "name", "version");
            var name = Name(obj, path, "name");
            var version = PositiveInteger(obj, path, "version");
            return name is null ? null : new SpecReference(name, version is { } n ? (int)Math.Min(n, int.MaxValue) : null);
        }

        Fail(path, "must be a spec name (name or name@version) or a mapping {name, version}");
        return null;
    }

    private static List<string>? FindCycle(IReadOnlyList<WorkflowNode> nodes, IReadOnlyList<WorkflowEdge> edges)
    {
        var next = edges.GroupBy(e => e.Source).ToDictionary(g => g.Key, g => g.Select(e => e.Target).ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();

        List<string>? Visit(string id)
        {
            state[id] = 1;
            stack.Add(id);
            foreach (var target in next.GetValueOrDefault(id) ?? [])
            {
                if (state.GetValueOrDefault(target) == 1)
                {
                    return [.. stack.Skip(stack.IndexOf(target)), target];
                }

                if (state.GetValueOrDefault(target) == 0 && Visit(target) is { } found)
                {
                    return found;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
            return null;
        }

        foreach (var node in nodes)
        {
            if (state.GetValueOrDefault(node.Id) == 0 && Visit(node.Id) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
