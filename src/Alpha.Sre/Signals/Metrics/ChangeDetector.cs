using System.Buffers;

namespace Alpha.Sre.Signals.Metrics;

/// <summary>
/// Change detection for one metric series without thresholds per metric name. The baseline is the part
/// before the known onset (the incident's detection time) when there is one; otherwise the onset is the
/// single change point that maximises a CUSUM statistic on values standardised by the first third's
/// median and scale. Scores are robust z-scores against the baseline (median and interquartile range),
/// as BARO's RobustScaler does, with a scale never below the series' effect-size floor
/// (<see cref="RobustStats.Scale"/>). The peak score, the sustained score (second largest) and the median
/// shift are reported. Missing samples (NaN) are left out, never imputed. Against a flat baseline (no spread),
/// or one shorter than <see cref="MinBaseline"/>, the size of a move cannot be measured: a sustained departure
/// scores <see cref="FlatBaselineCap"/> (strong, no more), a lone point departing scores nothing.
/// </summary>
public static class ChangeDetector
{
    /// <summary>Fewest baseline points for a measured scale (fewer: a departure counts as strong but capped).</summary>
    public const int MinBaseline = 3;

    /// <summary>Most a change can score when its baseline gives no measurable spread (the "high" level of a signal).</summary>
    public const double FlatBaselineCap = 10;

    /// <summary>Analyses <paramref name="values"/>; null when the series is too short to say anything.</summary>
    /// <param name="values">The series, in time order; NaN marks a missing sample.</param>
    /// <param name="knownOnset">Index of the first point at or after the detection time, when the incident gives one.
    /// It is used whenever at least one sample precedes it, even with a baseline shorter than <see cref="MinBaseline"/>.</param>
    /// <param name="levelRelative">False for a success rate or availability: no effect-size floor relative to its level (see <see cref="RobustStats.Scale"/>).</param>
    public static ChangeResult? Detect(ReadOnlySpan<double> values, int? knownOnset = null, bool levelRelative = true)
    {
        if (knownOnset is { } known && known >= 1 && known < values.Length && CountFinite(values[..known]) == 0)
        {
            // Nothing was recorded before the onset (a service missing from the reference): unknown, not anomalous.
            return null;
        }

        var onsetKnown = knownOnset is { } k && k >= 1 && k < values.Length && CountFinite(values[k..]) >= 1;
        // Scratch space for the finite samples (first half) and the scores (second half): on the stack for the usual series.
        double[]? rented = null;
        var scratch = values.Length <= 128 ? stackalloc double[2 * values.Length] : (rented = ArrayPool<double>.Shared.Rent(2 * values.Length)).AsSpan(0, 2 * values.Length);
        try
        {
            return Detect(values, knownOnset, levelRelative, onsetKnown, scratch);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private static ChangeResult? Detect(ReadOnlySpan<double> values, int? knownOnset, bool levelRelative, bool onsetKnown, Span<double> scratch)
    {
        int onset;
        if (onsetKnown)
        {
            onset = knownOnset!.Value;
        }
        else
        {
            // Only the samples that exist take part in the search for a change point.
            var present = Finite(values, scratch);
            if (present.Length < MinBaseline + 1)
            {
                return null;
            }

            var found = FindChangePoint(present);
            if (found < MinBaseline || found >= present.Length)
            {
                return null;
            }

            onset = IndexOfFinite(values, found);
        }

        ReadOnlySpan<double> baseline = Finite(values[..onset], scratch);
        ReadOnlySpan<double> anomalous = Finite(values[onset..], scratch[baseline.Length..]);
        var median = RobustStats.Median(baseline);
        var scale = RobustStats.Scale(baseline, median, levelRelative);
        var anomalousMedian = RobustStats.Median(anomalous);
        var unmeasured = baseline.Length < MinBaseline || RobustStats.IsFlat(baseline, median);
        var z = scratch.Slice(values.Length, anomalous.Length);
        var direction = 0;
        var peakAt = -1;
        for (var i = 0; i < anomalous.Length; i++)
        {
            z[i] = unmeasured
                ? Unmeasured(anomalous[i], baseline, median, levelRelative)
                : Math.Abs(anomalous[i] - median) / scale;
            if (peakAt < 0 || z[i] > z[peakAt])
            {
                peakAt = i;
            }
        }

        var peak = peakAt >= 0 ? z[peakAt] : 0;
        if (peakAt >= 0 && peak > 0)
        {
            direction = anomalous[peakAt] >= median ? 1 : -1;
        }

        z.Sort();
        var sustained = z.Length switch
        {
            0 => 0,
            1 => z[0],
            _ => z[^2],
        };
        var shift = unmeasured
            ? Unmeasured(anomalousMedian, baseline, median, levelRelative)
            : Math.Abs(anomalousMedian - median) / scale;
        if (shift > 0)
        {
            direction = anomalousMedian >= median ? 1 : -1;
        }

        return new ChangeResult(onset, median, scale, anomalousMedian, peak, shift, direction, onsetKnown, sustained);
    }

    /// <summary>
    /// A departure from a baseline whose spread cannot be measured, in units of the series' effect-size floor
    /// (<see cref="RobustStats.RelativeFloor"/> of its level, at least its resolution), capped at
    /// <see cref="FlatBaselineCap"/>: a flat baseline makes a real move strong, but a move of a fraction of a
    /// percent of a flat level (memory in MiB creeping by 0.5 %) is not one (a success rate has no level-relative floor).
    /// </summary>
    private static double Unmeasured(double value, ReadOnlySpan<double> baseline, double median, bool levelRelative)
    {
        var floor = Math.Max(levelRelative ? Math.Abs(median) * RobustStats.RelativeFloor : 0, RobustStats.Resolution(baseline, median));
        return Math.Min(FlatBaselineCap, Math.Abs(value - median) / floor);
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

    private static int CountFinite(ReadOnlySpan<double> values)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                count++;
            }
        }

        return count;
    }

    // The finite samples of values, copied in order into the start of into.
    private static Span<double> Finite(ReadOnlySpan<double> values, Span<double> into)
    {
        var count = 0;
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                into[count++] = v;
            }
        }

        return into[..count];
    }

    // The index in values of the n-th finite sample.
    private static int IndexOfFinite(ReadOnlySpan<double> values, int n)
    {
        var seen = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]) && seen++ == n)
            {
                return i;
            }
        }

        return values.Length;
    }
}
