using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Specs;
using Alpha.Workflows.Adapters.Graph;
using Alpha.Workflows.Nodes;

namespace Alpha.Workflows.Adapters.Studio;

/// <summary>
/// Builds <c>studio</c> nodes: the operator-wired form of a graph, stored as a workflow spec. Its options are a
/// graph's (<c>state</c>, <c>steps</c>, <c>start</c>, <c>transitions</c>, <c>max_steps</c>, <c>output</c>) plus
/// <c>layout</c>, where the editor keeps each step's place on the canvas (<c>{step_id: {x, y}}</c>, optional).
/// It runs exactly as the same graph would: the layout is part of the spec (and its hash) but not of the run.
/// </summary>
public sealed class StudioNodeFactory : INodeFactory
{
    /// <summary>The adapter name.</summary>
    public const string Adapter = "studio";

    /// <inheritdoc />
    public WorkflowNodeBody? Create(WorkflowNode node, IReadOnlyList<AgentSpec> agents)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(agents);
        if (node.Adapter != Adapter || node.Workflow is not null)
        {
            return null;
        }

        var graphOptions = node.Options?.DeepClone().AsObject() ?? [];
        var layout = graphOptions["layout"];
        graphOptions.Remove("layout");
        var errors = new List<SpecError>();
        WorkflowNodeBody? body = null;
        try
        {
            body = new GraphNodeFactory().Create(node with { Adapter = "graph", Options = graphOptions }, agents);
        }
        catch (SpecValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        var steps = (graphOptions["steps"] as JsonArray)?.Select(s => s?["id"]?.GetValueKind() == JsonValueKind.String ? s["id"]!.GetValue<string>() : null).OfType<string>().ToHashSet(StringComparer.Ordinal)
            ?? [.. agents.Select(a => a.Name)];
        CheckLayout(layout, $"nodes[{node.Id}].options.layout", steps, errors);
        return errors.Count > 0 ? throw new SpecValidationException(errors) : body;
    }

    private static void CheckLayout(JsonNode? layout, string field, HashSet<string> steps, List<SpecError> errors)
    {
        if (layout is null)
        {
            return;
        }

        if (layout is not JsonObject places)
        {
            errors.Add(Error(field, "must be a mapping {step_id: {x: number, y: number}}"));
            return;
        }

        foreach (var (step, place) in places)
        {
            var at = $"{field}.{step}";
            if (!steps.Contains(step))
            {
                errors.Add(Error(at, $"'{step}' is not a step id; steps: {string.Join(", ", steps.Order(StringComparer.Ordinal))}"));
            }

            if (place is not JsonObject xy || xy.Count != 2 || !IsNumber(xy["x"]) || !IsNumber(xy["y"]))
            {
                errors.Add(Error(at, "must be {x: number, y: number}, e.g. {x: 120, y: 40}"));
            }
        }
    }

    private static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;

    private static SpecError Error(string field, string message) => new("workflow", null, field, message);
}
