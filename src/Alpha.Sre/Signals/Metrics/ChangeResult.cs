namespace Alpha.Sre.Signals.Metrics;

/// <summary>What the change detector found in one series.</summary>
/// <param name="OnsetIndex">Index of the first anomalous point.</param>
/// <param name="BaselineMedian">Median before the onset.</param>
/// <param name="BaselineScale">Robust scale before the onset (never below the series' effect-size floor, see <see cref="RobustStats.Scale"/>).</param>
/// <param name="AnomalousMedian">Median from the onset on.</param>
/// <param name="PeakScore">Largest robust score |x - median| / scale from the onset on (BARO's statistic).</param>
/// <param name="ShiftScore">Robust score of the shift of medians: |anomalous median - baseline median| / scale.</param>
/// <param name="Direction">+1 when the series went up, -1 when it went down.</param>
/// <param name="OnsetKnown">True when the onset came from the incident (detected_at / window) rather than from the data.</param>
/// <param name="SustainedScore">The second largest robust score from the onset on (the peak when only one point follows
/// the onset): a departure held for at least two samples. A lone spike has a high peak and a low sustained score.</param>
public sealed record ChangeResult(
    int OnsetIndex,
    double BaselineMedian,
    double BaselineScale,
    double AnomalousMedian,
    double PeakScore,
    double ShiftScore,
    int Direction,
    bool OnsetKnown,
    double SustainedScore)
{
    /// <summary>
    /// The score used for ranking: the sustained departure and the shift of medians, half each. A single spike
    /// (one sample far out, the rest at the baseline) scores near zero: it is weak evidence of a fault.
    /// </summary>
    public double Score => (0.5 * SustainedScore) + (0.5 * ShiftScore);
}
