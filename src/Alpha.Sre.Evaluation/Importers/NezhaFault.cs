using System.Globalization;
using System.Text.Json;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>One injected fault of a Nezha fault list.</summary>
/// <param name="InjectTime">When it was injected, on the telemetry clock (the list's <c>inject_time</c>).</param>
/// <param name="Pod">The pod it was injected into (<c>inject_pod</c>).</param>
/// <param name="Type">The fault as Nezha names it (<c>inject_type</c>: cpu_contention, network_delay...).</param>
public sealed record NezhaFault(DateTimeOffset InjectTime, string Pod, string Type)
{
    /// <summary>
    /// Reads a <c>{date}-fault_list.json</c>: an object of hour -> [{inject_time, inject_pod, inject_type, ...}],
    /// in time order. <c>inject_time</c> (<c>yyyy-MM-dd HH:mm:ss</c>) is read on the telemetry clock, which the CSVs
    /// write as UTC; <c>inject_timestamp</c> is ignored because it disagrees with that clock in some lists.
    /// </summary>
    /// <exception cref="InvalidInputException">The file is missing or not in that shape.</exception>
    public static IReadOnlyList<NezhaFault> ReadList(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, null, "$", "file not found");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidInputException(path, e.LineNumber + 1, "$", e.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException(path, null, "$", "must be an object of hour -> list of faults");
            }

            var faults = new List<NezhaFault>();
            foreach (var hour in document.RootElement.EnumerateObject())
            {
                if (hour.Value.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidInputException(path, null, $"$.{hour.Name}", "must be a list of faults");
                }

                var index = 0;
                foreach (var item in hour.Value.EnumerateArray())
                {
                    var field = $"$.{hour.Name}[{index++}]";
                    var time = Text(item, "inject_time", path, field);
                    if (!DateTime.TryParseExact(time, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                    {
                        throw new InvalidInputException(path, null, $"{field}.inject_time", "must be a time written yyyy-MM-dd HH:mm:ss");
                    }

                    faults.Add(new NezhaFault(new DateTimeOffset(at, TimeSpan.Zero), Text(item, "inject_pod", path, field), Text(item, "inject_type", path, field)));
                }
            }

            return [.. faults.OrderBy(f => f.InjectTime)];
        }
    }

    private static string Text(JsonElement item, string name, string path, string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new InvalidInputException(path, null, $"{field}.{name}", "is required (a non-empty string)");
}
