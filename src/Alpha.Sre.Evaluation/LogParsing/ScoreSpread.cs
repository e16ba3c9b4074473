using System.Text.Json.Serialization;

namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>One score over several systems: mean, lowest, highest and (population) standard deviation.</summary>
public sealed record ScoreSpread(
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max,
    [property: JsonPropertyName("std")] double Std)
{
    /// <summary>The spread of <paramref name="values"/>; zeros when there are none.</summary>
    public static ScoreSpread Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new ScoreSpread(0, 0, 0, 0);
        }

        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return new ScoreSpread(mean, values.Min(), values.Max(), std);
    }
}
