using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alpha.Platform.Specs;

namespace Alpha.Workflows.Adapters.Graph;

/// <summary>
/// Reads and checks a graph node's options. Every problem is collected with its field
/// (<c>nodes[refine].options.transitions[1].to</c>) and thrown together as a <see cref="SpecValidationException"/>
/// before any ledger row is written.
/// </summary>
internal static partial class GraphOptionsParser
{
    /// <summary>The largest max_steps accepted (a bound is meant to bound).</summary>
    public const int MaxStepsLimit = 1000;

    private static readonly string[] Known = ["state", "steps", "start", "transitions", "max_steps", "output"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex IdPattern();

    /// <exception cref="SpecValidationException">The options are not a valid graph.</exception>
    public static GraphOptions Parse(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(agents);
        var errors = new List<SpecError>();
        var root = $"nodes[{node.Id}]";
        var at = $"{root}.options";
        void Fail(string field, string message) => errors.Add(new SpecError("workflow", null, field, message));

        var options = node.Options ?? [];
        foreach (var (key, _) in options)
        {
            if (!Known.Contains(key))
            {
                Fail($"{at}.{key}", $"unknown graph option; expected one of {string.Join(", ", Known)}");
            }
        }

        if (agents.Count == 0)
        {
            Fail($"{root}.agents", "a graph node needs at least one agent");
        }

        var state = ParseState(options["state"], $"{at}.state", Fail);
        var steps = ParseSteps(options, at, agents, state, Fail);
        var declaredState = state is not null;
        state ??= steps.Select(s => s.Writes).Distinct(StringComparer.Ordinal).ToDictionary(k => k, _ => GraphKeyType.Text, StringComparer.Ordinal);
        var ids = steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);

        var start = steps.Count > 0 ? steps[0].Id : string.Empty;
        if (options["start"] is { } startNode)
        {
            if (Text(startNode) is { } s && ids.Contains(s))
            {
                start = s;
            }
            else
            {
                Fail($"{at}.start", $"'{startNode.ToJsonString()}' is not a step id; steps: {string.Join(", ", ids)}");
            }
        }

        var transitions = ParseTransitions(options, at, steps, ids, state, declaredState, Fail);
        var loop = FindLoop(steps, transitions);
        var maxSteps = steps.Count;
        if (options["max_steps"] is { } maxNode)
        {
            if (maxNode is JsonValue v && v.GetValueKind() == JsonValueKind.Number && int.TryParse(v.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxStepsLimit)
            {
                maxSteps = n;
            }
            else
            {
                Fail($"{at}.max_steps", $"must be a whole number from 1 to {MaxStepsLimit}");
            }
        }
        else if (loop is not null)
        {
            Fail($"{at}.max_steps", $"is required: the transitions loop ({string.Join(" -> ", loop)}), and every loop is bounded");
        }

        string? output = null;
        if (options["output"] is { } outputNode)
        {
            output = Text(outputNode);
            if (output is null || !state.ContainsKey(output))
            {
                Fail($"{at}.output", $"'{outputNode.ToJsonString()}' is not a state key; keys: {string.Join(", ", state.Keys)}");
            }
        }

        if (errors.Count > 0)
        {
            throw new SpecValidationException(errors);
        }

        return new GraphOptions(state, steps, start, transitions, maxSteps, output);
    }

    private static Dictionary<string, GraphKeyType>? ParseState(JsonNode? node, string at, Action<string, string> fail)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject obj || obj.Count == 0)
        {
            fail(at, "must be a mapping of state keys to types, e.g. {draft: string, verdict: [approve, revise]}");
            return null;
        }

        var state = new Dictionary<string, GraphKeyType>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            var field = $"{at}.{key}";
            if (!IdPattern().IsMatch(key))
            {
                fail(field, "state keys use letters, digits, _, - and . only");
                continue;
            }

            if (Text(value) is { } name && GraphKeyType.Names.Contains(name))
            {
                state[key] = new GraphKeyType(name, []);
            }
            else if (value is JsonArray list && list.Count > 0 && list.All(i => Text(i) is { Length: > 0 }) && list.Select(i => Text(i)!.ToUpperInvariant()).Distinct().Count() == list.Count)
            {
                state[key] = new GraphKeyType("one_of", [.. list.Select(i => Text(i)!)]);
            }
            else
            {
                fail(field, $"'{value?.ToJsonString()}' is not a state type; use {string.Join(", ", GraphKeyType.Names)}, or a list of distinct values");
            }
        }

        return state;
    }

    private static List<GraphStep> ParseSteps(JsonObject options, string at, IReadOnlyList<AgentSpec> agents, Dictionary<string, GraphKeyType>? state, Action<string, string> fail)
    {
        var steps = new List<GraphStep>();
        if (options["steps"] is not { } node)
        {
            // Without steps, each agent is one step writing the key named after it.
            foreach (var agent in agents)
            {
                if (state is not null && !state.ContainsKey(agent.Name))
                {
                    fail($"{at}.steps", $"is required when state is declared: say which key each agent writes (agent {agent.Name} has no key of its name)");
                    return steps;
                }

                steps.Add(new GraphStep(agent.Name, agent, agent.Name));
            }

            return steps;
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            fail($"{at}.steps", "must be a list of steps {id, agent, writes}");
            return steps;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var field = $"{at}.steps[{i}]";
            if (array[i] is not JsonObject step)
            {
                fail(field, "must be a mapping {id, agent, writes}");
                continue;
            }

            foreach (var (key, _) in step)
            {
                if (key is not ("id" or "agent" or "writes"))
                {
                    fail($"{field}.{key}", "unknown field; expected one of id, agent, writes");
                }
            }

            var agentName = Text(step["agent"]);
            var agent = agents.FirstOrDefault(a => a.Name == agentName);
            if (agent is null)
            {
                fail($"{field}.agent", agentName is null
                    ? "is required: the agent that runs at this step"
                    : $"'{agentName}' is not one of the node's agents ({string.Join(", ", agents.Select(a => a.Name))}); list it under the node's agents");
                continue;
            }

            var id = step.ContainsKey("id") ? Text(step["id"]) : agent.Name;
            if (id is null || !IdPattern().IsMatch(id) || id == GraphTransition.End)
            {
                fail($"{field}.id", $"'{step["id"]?.ToJsonString()}' is not a step id (letters, digits, _, - and .; '{GraphTransition.End}' is reserved)");
                continue;
            }

            if (steps.Any(s => s.Id == id))
            {
                fail($"{field}.id", $"step id '{id}' is used twice; give each step its own id");
                continue;
            }

            var writes = step.ContainsKey("writes") ? Text(step["writes"]) : id;
            if (writes is null || (state is not null && !state.ContainsKey(writes)) || (state is null && !IdPattern().IsMatch(writes)))
            {
                fail($"{field}.writes", state is null
                    ? $"'{step["writes"]?.ToJsonString()}' is not a state key name"
                    : $"'{writes ?? step["writes"]?.ToJsonString()}' is not a declared state key; keys: {string.Join(", ", state.Keys)}");
                continue;
            }

            steps.Add(new GraphStep(id, agent, writes));
        }

        return steps;
    }

    private static List<GraphTransition> ParseTransitions(JsonObject options, string at, List<GraphStep> steps, HashSet<string> ids, Dictionary<string, GraphKeyType> state, bool declaredState, Action<string, string> fail)
    {
        var transitions = new List<GraphTransition>();
        if (options["transitions"] is not { } node)
        {
            // Without transitions, the steps run once each, in order.
            for (var i = 0; i + 1 < steps.Count; i++)
            {
                transitions.Add(new GraphTransition(steps[i].Id, steps[i + 1].Id, null));
            }

            return transitions;
        }

        if (node is not JsonArray array)
        {
            fail($"{at}.transitions", "must be a list of {from, to, when}");
            return transitions;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var field = $"{at}.transitions[{i}]";
            if (array[i] is not JsonObject t)
            {
                fail(field, "must be a mapping {from, to, when}");
                continue;
            }

            foreach (var (key, _) in t)
            {
                if (key is not ("from" or "to" or "when"))
                {
                    fail($"{field}.{key}", "unknown field; expected one of from, to, when");
                }
            }

            var from = Text(t["from"]);
            var to = Text(t["to"]);
            var ok = true;
            if (from is null || !ids.Contains(from))
            {
                fail($"{field}.from", $"'{t["from"]?.ToJsonString()}' is not a step id; steps: {string.Join(", ", ids)}");
                ok = false;
            }

            if (to is null || (to != GraphTransition.End && !ids.Contains(to)))
            {
                fail($"{field}.to", $"'{t["to"]?.ToJsonString()}' is not a step id or {GraphTransition.End}; steps: {string.Join(", ", ids)}");
                ok = false;
            }

            EdgeCondition? when = null;
            if (t.ContainsKey("when"))
            {
                when = EdgeCondition.Parse(t["when"], $"{field}.when", (f, m) =>
                {
                    ok = false;
                    fail(f, m);
                });
                if (when?.Key is { } key && !state.ContainsKey(key))
                {
                    fail($"{field}.when.key", $"'{key}' is not a state key; keys: {string.Join(", ", state.Keys)}{(declaredState ? string.Empty : " (declare state to name more)")}");
                    ok = false;
                }
            }

            if (ok)
            {
                transitions.Add(new GraphTransition(from!, to!, when));
            }
        }

        return transitions;
    }

    private static List<string>? FindLoop(List<GraphStep> steps, List<GraphTransition> transitions)
    {
        var next = transitions.Where(t => t.To != GraphTransition.End).GroupBy(t => t.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.To).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var marks = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();

        List<string>? Visit(string id)
        {
            marks[id] = 1;
            stack.Add(id);
            foreach (var target in next.GetValueOrDefault(id) ?? [])
            {
                if (marks.GetValueOrDefault(target) == 1)
                {
                    return [.. stack.Skip(stack.IndexOf(target)), target];
                }

                if (marks.GetValueOrDefault(target) == 0 && Visit(target) is { } found)
                {
                    return found;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            marks[id] = 2;
            return null;
        }

        return steps.Select(s => marks.GetValueOrDefault(s.Id) == 0 ? Visit(s.Id) : null).FirstOrDefault(l => l is not null);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
