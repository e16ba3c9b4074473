namespace Alpha.Sre.Evaluation.Rca;

/// <summary>
/// The RCA literature's metrics over ranks (1-based; null when the true cause is not ranked at all):
/// AC@k = share of cases whose true cause is in the top k; Avg@5 = mean of AC@1..AC@5; HR@k is the same
/// as AC@k (the change-RCA papers' name); MAR = mean rank, with an unranked case counted as rank
/// <c>candidates + 1</c> (or 10 when the candidate count is unknown).
/// </summary>
public static class RcaScores
{
    /// <summary>AC@k over <paramref name="ranks"/>.</summary>
    public static double AccuracyAt(IReadOnlyList<int?> ranks, int k)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        return ranks.Count == 0 ? 0 : ranks.Count(r => r is { } v && v <= k) / (double)ranks.Count;
    }

    /// <summary>Avg@5: the mean of AC@1 to AC@5.</summary>
    public static double Avg5(IReadOnlyList<int?> ranks) => Enumerable.Range(1, 5).Average(k => AccuracyAt(ranks, k));

    /// <summary>Mean rank, unranked cases counted as <paramref name="unrankedAs"/>.</summary>
    public static double MeanRank(IReadOnlyList<int?> ranks, int unrankedAs = 10)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        return ranks.Count == 0 ? 0 : ranks.Average(r => r ?? unrankedAs);
    }

    /// <summary>The 1-based rank of <paramref name="truth"/> in <paramref name="ranked"/> (case-insensitive), or null.</summary>
    public static int? RankOf(IReadOnlyList<string> ranked, string truth)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        for (var i = 0; i < ranked.Count; i++)
        {
            if (string.Equals(ranked[i], truth, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return null;
    }
}
