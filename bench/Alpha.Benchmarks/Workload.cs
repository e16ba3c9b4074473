using System.Globalization;
using Alpha.Runtime.Schemas;

namespace Alpha.Benchmarks;

/// <summary>Builds the signals, claims and hypotheses shared by the benchmarks (in [GlobalSetup], never measured).</summary>
internal static class Workload
{
    public const int SignalCount = 8;

    /// <summary>The fixed signals the extractor returns: <c>sig_000</c> .. <c>sig_007</c>.</summary>
    public static Signal[] Signals() =>
        [.. Enumerable.Range(0, SignalCount).Select(i => new Signal(SignalId(i), "log_error_burst", $"error burst {i}", Severity.Medium, "logs", value: i, service: Service(i)))];

    /// <summary>
    /// The claim of hypothesis <paramref name="index"/> out of <paramref name="count"/>. Distinct: "cause {i} ..."
    /// for every i. Half agreeing: the second half reword the first half's labels, so hypothesis i and i + count/2
    /// share one group (and, through distinct agents, earn the agreement bonus).
    /// </summary>
    public static HypothesisClaim Claim(int index, int count, LabelVariant variant)
    {
        var half = count / 2;
        var label = variant == LabelVariant.HalfAgreeing && index >= half
            ? Invariant($"Cause {index - half}: db connection-pool exhaustion")
            : Invariant($"cause {index} database connection pool exhausted");
        var confidence = 0.5 + ((index % 40) / 100.0);
        return HypothesisClaim.Create(label, Invariant($"{label} explains the error burst"), confidence, Severity.High, [SignalId(index % SignalCount)], Service(index % SignalCount));
    }

    /// <summary>Claims accepted by the judge, as the aggregator receives them (one per agent).</summary>
    public static Hypothesis[] Hypotheses(int count, LabelVariant variant) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var claim = Claim(i, count, variant);
            return new Hypothesis(claim.Label, claim.Description, claim.Confidence, Severity.High, claim.SupportingSignals, AgentName(i), claim.Service);
        })];

    public static string AgentName(int index) => Invariant($"agent-{index:D5}");

    private static string SignalId(int index) => Invariant($"sig_{index:D3}");

    private static string Service(int index) => Invariant($"svc-{index}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
