using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// The parts of a ChangeRCA case file (<c>{case}.json</c>) that describe the situation: the rollout plan per
/// service and the detection time. The label fields (<c>fault_release_service</c>, <c>fault</c>) are read
/// separately, for scoring only; the plan's per-service <c>fault</c>, <c>normal_service_list</c> and the
/// baselines' results are never read.
/// </summary>
public sealed class ChangeRcaPlan
{
    private ChangeRcaPlan(DateTimeOffset detectedAt, IReadOnlyList<ChangeRcaRollout> rollouts, CaseLabel? label)
    {
        DetectedAt = detectedAt;
        Rollouts = rollouts;
        Label = label;
    }

    /// <summary>The plan's <c>detect_timestamp</c>.</summary>
    public DateTimeOffset DetectedAt { get; }

    /// <summary>The concurrent rollouts, in the file's order.</summary>
    public IReadOnlyList<ChangeRcaRollout> Rollouts { get; }

    /// <summary>The defective change's service and the fault the data set injected into it; scoring only.</summary>
    public CaseLabel? Label { get; }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidInputException">The file is missing, is not JSON, or lacks the plan or the detection time.</exception>
    public static ChangeRcaPlan Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, null, "$", "file not found; a ChangeRCA case folder holds {case}/{case}.json");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException(path, ex.LineNumber + 1, "$", $"is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("plan", out var plan) || plan.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException(path, null, "plan", "an object of service -> rollout is required");
            }

            if (!root.TryGetProperty("detect_timestamp", out var detect) || !detect.TryGetInt64(out var detectSeconds))
            {
                throw new InvalidInputException(path, null, "detect_timestamp", "a Unix time in seconds is required");
            }

            var rollouts = plan.EnumerateObject().Select(p => ReadRollout(path, p.Name, p.Value)).ToArray();
            var label = root.TryGetProperty("fault_release_service", out var service) && service.ValueKind == JsonValueKind.String
                ? new CaseLabel(service.GetString()!, null, root.TryGetProperty("fault", out var fault) && fault.ValueKind == JsonValueKind.String ? fault.GetString() : null)
                : null;
            return new ChangeRcaPlan(DateTimeOffset.FromUnixTimeSeconds(detectSeconds), rollouts, label);
        }
    }

    private static ChangeRcaRollout ReadRollout(string path, string service, JsonElement rollout)
    {
        var field = $"plan.{service}";
        if (rollout.ValueKind != JsonValueKind.Object || !rollout.TryGetProperty("release_time", out var release) || !release.TryGetInt64(out var releaseSeconds))
        {
            throw new InvalidInputException(path, null, $"{field}.release_time", "a Unix time in seconds is required");
        }

        if (!rollout.TryGetProperty("process", out var process) || process.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException(path, null, $"{field}.process", "an object of steps is required");
        }

        // The step keys are not in step order; the completion times are.
        var steps = new List<(long Completed, string[] Released, string[] Deleted)>();
        foreach (var step in process.EnumerateObject())
        {
            if (!step.Value.TryGetProperty("release_complete_timestamp", out var done) || !done.TryGetInt64(out var doneSeconds))
            {
                throw new InvalidInputException(path, null, $"{field}.process.{step.Name}.release_complete_timestamp", "a Unix time in seconds is required");
            }

            steps.Add((doneSeconds, Pods(step.Value, "release_pod"), Pods(step.Value, "delete_pod")));
        }

        steps.Sort((a, b) => a.Completed.CompareTo(b.Completed));
        var deleted = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (completed, _, pods) in steps)
        {
            foreach (var pod in pods)
            {
                deleted.TryAdd(pod, DateTimeOffset.FromUnixTimeSeconds(completed));
            }
        }

        var started = DateTimeOffset.FromUnixTimeSeconds(releaseSeconds);
        return new ChangeRcaRollout(
            service,
            started,
            steps.Count == 0 ? started : DateTimeOffset.FromUnixTimeSeconds(steps[^1].Completed),
            [.. steps.SelectMany(s => s.Released)],
            deleted);
    }

    private static string[] Pods(JsonElement step, string name) =>
        step.TryGetProperty(name, out var pods) && pods.ValueKind == JsonValueKind.Array
            ? [.. pods.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!)]
            : [];
}
