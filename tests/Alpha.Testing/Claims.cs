using Alpha.Runtime.Schemas;

namespace Alpha.Testing;

/// <summary>Builders for claims and signals used across tests.</summary>
public static class Claims
{
    public static HypothesisClaim Valid(string label, double confidence = 0.8, params string[] signals) =>
        HypothesisClaim.Create(label, $"{label} explains the incident", confidence, Severity.High, signals.Length == 0 ? ["sig_001"] : signals);

    public static Signal Signal(string id, string type = "test", Severity severity = Severity.Medium) =>
        new(id, type, $"signal {id}", severity, "test");
}
