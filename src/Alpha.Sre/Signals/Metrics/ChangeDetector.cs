namespace Alpha.Sre.Signals.Metrics;

/// <summary>
/// Change detection for one metric series without thresholds per metric name. The baseline is the part
/// before the known onset (the incident's detection time) when there is one; otherwise the onset is the
/// single change point that maximises a CUSUM statistic on values standardised by the first third's
/// median and scale. Scores are robust z-scores against the baseline (median and interquartile range),
/// as BARO's RobustScaler does; the peak score and the median shift are both reported. Against a flat
/// baseline (no spread) both are capped at <see cref="FlatBaselineCap"/>.
/// </summary>
public static class ChangeDetector
{
    /// <summary>Fewest baseline points for a meaningful scale.</summary>
    public const int MinBaseline = 3;

    /// <summary>Most a change can score against a baseline with no spread at all (the "high" level of a signal).</summary>
    public const double FlatBaselineCap = 10;

    /// <summary>Analyses <paramref name="values"/>; null when the series is too short to say anything.</summary>
    /// <param name="values">The series, in time order.</param>
    /// <param name="knownOnset">Index of the first point at or after the detection time, when the incident gives one.</param>
    public static ChangeResult? Detect(ReadOnlySpan<double> values, int? knownOnset = null)
    {
        if (values.Length < MinBaseline + 1)
        {
            return null;
        }

        var onsetKnown = knownOnset is { } k && k >= MinBaseline && k < values.Length;
        var onset = onsetKnown ? knownOnset!.Value : FindChangePoint(values);
        if (onset < MinBaseline || onset >= values.Length)
        {
            return null;
        }

        var baseline = values[..onset];
        var anomalous = values[onset..];
        var median = RobustStats.Median(baseline);
        var scale = RobustStats.Scale(baseline, median);
        var peak = 0.0;
        var direction = 0;
        foreach (var x in anomalous)
        {
            var z = Math.Abs(x - median) / scale;
            if (z > peak && double.IsFinite(z))
            {
                peak = z;
                direction = x >= median ? 1 : -1;
            }
        }

        var anomalousMedian = RobustStats.Median(anomalous);
        var shift = Math.Abs(anomalousMedian - median) / scale;
        if (shift > 0)
        {
            direction = anomalousMedian >= median ? 1 : -1;
        }

        if (RobustStats.IsFlat(baseline, median))
        {
            // A baseline with no spread has no scale to measure against: 0 -> 1 request would otherwise score a
            // billion "scales". The move is real but its size is unknown, so it counts as a strong change, no more.
            peak = Math.Min(peak, FlatBaselineCap);
            shift = Math.Min(shift, FlatBaselineCap);
        }

        return new ChangeResult(onset, median, scale, anomalousMedian, peak, shift, direction, onsetKnown);
    }

    /// <summary>The index that best splits the series into two regimes (CUSUM of robust-standardised values).</summary>
    public static int FindChangePoint(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var reference = values[..Math.Max(MinBaseline, n / 3)];
        var median = RobustStats.Median(reference);
        var scale = RobustStats.Scale(reference, median);
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += (values[i] - median) / scale;
        }

        var best = n / 2;
        var bestStat = -1.0;
        var cumulative = 0.0;
        var lo = Math.Max(MinBaseline, n / 10);
        var hi = n - Math.Max(1, n / 20);
        for (var i = 0; i < n; i++)
        {
            // Onset candidate i: the first point of the new regime. S_i = sum of values[0..i).
            if (i >= lo && i <= hi)
            {
                var stat = Math.Abs(cumulative - (total * i / n)) / Math.Sqrt((double)i * (n - i) / n);
                if (stat > bestStat)
                {
                    bestStat = stat;
                    best = i;
                }
            }

            cumulative += (values[i] - median) / scale;
        }

        return best;
    }
}
