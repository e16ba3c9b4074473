namespace Alpha.Workflows.Scheduling;

/// <summary>What one pass of a scheduler does for one schedule.</summary>
/// <param name="Fires">The scheduled times to claim and dispatch, oldest first.</param>
/// <param name="Skipped">How many late fires the policy drops.</param>
/// <param name="Cursor">Occurrences up to here are handled; the next pass looks after it.</param>
/// <param name="Deferred">True when more fires are due than one pass takes (run_all after a long downtime): pass again now.</param>
public sealed record FirePlan(IReadOnlyList<DateTimeOffset> Fires, int Skipped, DateTimeOffset Cursor, bool Deferred);
