namespace Alpha.Cluster.Benchmarks;

/// <summary>One failover drill round, in milliseconds from the SIGKILL.</summary>
/// <param name="Runs">Runs the killed node drove.</param>
/// <param name="SuspectedMs">First suspicion vote against it in the membership table.</param>
/// <param name="DeadMs">Declared dead in the membership table (sampled every 5 ms on its own).</param>
/// <param name="DeadSampledBetweenReadsMs">The same, sampled between two takeover reads (the drill's first version).</param>
/// <param name="TakenOverMs">Every one of its runs started again on a live node.</param>
/// <param name="SlowestReadMs">The slowest takeover read through a survivor (what delayed the first version's samples).</param>
internal sealed record FailoverRound(int Runs, double SuspectedMs, double DeadMs, double DeadSampledBetweenReadsMs, double TakenOverMs, double SlowestReadMs);
