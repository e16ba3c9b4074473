namespace Alpha.Sre.Signals.Metrics;

/// <summary>Median, quantiles and spread of a sample, robust to outliers.</summary>
internal static class RobustStats
{
    public static double Median(ReadOnlySpan<double> values) => Quantile(values, 0.5);

    /// <summary>Linear-interpolated quantile (type 7) of an unsorted sample; NaN when empty.</summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        return SortedQuantile(sorted, q);
    }

    public static double SortedQuantile(double[] sorted, double q)
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

        var sorted = values.ToArray();
        Array.Sort(sorted);
        if (SortedQuantile(sorted, 0.75) - SortedQuantile(sorted, 0.25) > 0)
        {
            return false;
        }

        var deviations = new double[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            deviations[i] = Math.Abs(sorted[i] - median);
        }

        Array.Sort(deviations);
        return SortedQuantile(deviations, 0.5) == 0;
    }

    /// <summary>
    /// A robust scale of the sample: the interquartile range, falling back to 1.4826 x MAD, then to 1% of
    /// the median's magnitude, then to a tiny constant, so a flat baseline never divides by zero.
    /// </summary>
    public static double Scale(ReadOnlySpan<double> values, double median)
    {
        if (values.Length == 0)
        {
            return 1e-9;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var iqr = SortedQuantile(sorted, 0.75) - SortedQuantile(sorted, 0.25);
        if (iqr > 0)
        {
            return Math.Max(iqr, Math.Abs(median) * 1e-3);
        }

        var deviations = new double[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            deviations[i] = Math.Abs(sorted[i] - median);
        }

        Array.Sort(deviations);
        var mad = 1.4826 * SortedQuantile(deviations, 0.5);
        if (mad > 0)
        {
            return mad;
        }

        return Math.Max(Math.Abs(median) * 0.01, 1e-9);
    }
}
