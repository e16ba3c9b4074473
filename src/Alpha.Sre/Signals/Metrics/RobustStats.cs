using System.Buffers;

namespace Alpha.Sre.Signals.Metrics;

/// <summary>Median, quantiles and spread of a sample, robust to outliers.</summary>
/// <remarks>The sorted copies are scratch space: on the stack up to <see cref="StackLimit"/> values, rented beyond.</remarks>
internal static class RobustStats
{
    private const int StackLimit = 256;

    public static double Median(ReadOnlySpan<double> values) => Quantile(values, 0.5);

    /// <summary>Linear-interpolated quantile (type 7) of an unsorted sample; NaN when empty.</summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        double[]? rented = null;
        var sorted = values.Length <= StackLimit ? stackalloc double[values.Length] : (rented = ArrayPool<double>.Shared.Rent(values.Length)).AsSpan(0, values.Length);
        values.CopyTo(sorted);
        sorted.Sort();
        var quantile = SortedQuantile(sorted, q);
        Return(rented);
        return quantile;
    }

    public static double SortedQuantile(ReadOnlySpan<double> sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    /// <summary>True when the sample has no spread at all (interquartile range and MAD both zero).</summary>
    public static bool IsFlat(ReadOnlySpan<double> values, double median)
    {
        if (values.Length == 0)
        {
            return true;
        }

        double[]? rented = null;
        var sorted = values.Length <= StackLimit ? stackalloc double[values.Length] : (rented = ArrayPool<double>.Shared.Rent(values.Length)).AsSpan(0, values.Length);
        values.CopyTo(sorted);
        sorted.Sort();
        var flat = !(SortedQuantile(sorted, 0.75) - SortedQuantile(sorted, 0.25) > 0) && SortedMad(sorted, median) == 0;
        Return(rented);
        return flat;
    }

    /// <summary>Smallest move of a series relative to its level that can count as one baseline scale (see <see cref="Scale"/>).</summary>
    public const double RelativeFloor = 0.01;

    /// <summary>
    /// A robust scale of the sample: the interquartile range, falling back to 1.4826 x MAD, never below the
    /// series' effect-size floor: <see cref="RelativeFloor"/> of the median's magnitude (a move of under 1 % of
    /// a level is small whatever the baseline's noise: the former 0.1 % made memory in bytes or a near-constant
    /// latency score hundreds of scales for a tiny move) and the series' own resolution (the smallest step
    /// between its distinct values: one request in a count, one unit of a quantised gauge).
    /// </summary>
    /// <param name="values">The sample.</param>
    /// <param name="median">Its median.</param>
    /// <param name="levelRelative">False for a success rate or availability: the floor is the series' resolution only
    /// (its level is headroom: a drop of 0.5 points from 100 is half a percent of requests failing, not a small move).</param>
    public static double Scale(ReadOnlySpan<double> values, double median, bool levelRelative = true)
    {
        if (values.Length == 0)
        {
            return 1e-9;
        }

        double[]? rented = null;
        var sorted = values.Length <= StackLimit ? stackalloc double[values.Length] : (rented = ArrayPool<double>.Shared.Rent(values.Length)).AsSpan(0, values.Length);
        values.CopyTo(sorted);
        sorted.Sort();
        var floor = Math.Max(Math.Max(levelRelative ? Math.Abs(median) * RelativeFloor : 0, SortedResolution(sorted)), 1e-9);
        var iqr = SortedQuantile(sorted, 0.75) - SortedQuantile(sorted, 0.25);
        var scale = iqr > 0 ? Math.Max(iqr, floor) : Math.Max(1.4826 * SortedMad(sorted, median), floor);
        Return(rented);
        return scale;
    }

    /// <summary>
    /// The smallest move that is a real departure from <paramref name="values"/>: the smallest step between its
    /// distinct values, or a millionth of the median's magnitude when all values are equal.
    /// </summary>
    public static double Resolution(ReadOnlySpan<double> values, double median)
    {
        double[]? rented = null;
        var sorted = values.Length <= StackLimit ? stackalloc double[values.Length] : (rented = ArrayPool<double>.Shared.Rent(values.Length)).AsSpan(0, values.Length);
        values.CopyTo(sorted);
        sorted.Sort();
        var step = SortedResolution(sorted);
        Return(rented);
        return step > 0 ? step : Math.Max(Math.Abs(median) * 1e-6, 1e-12);
    }

    private static double SortedResolution(ReadOnlySpan<double> sorted)
    {
        var step = 0.0;
        for (var i = 1; i < sorted.Length; i++)
        {
            var d = sorted[i] - sorted[i - 1];
            if (d > 0 && (step == 0 || d < step))
            {
                step = d;
            }
        }

        return step;
    }

    // The median absolute deviation from median; overwrites the sorted sample (its last use) with the deviations.
    private static double SortedMad(Span<double> sorted, double median)
    {
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Math.Abs(sorted[i] - median);
        }

        sorted.Sort();
        return SortedQuantile(sorted, 0.5);
    }

    private static void Return(double[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }
}
