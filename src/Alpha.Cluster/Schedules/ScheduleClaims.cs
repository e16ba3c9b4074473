using Alpha.Platform.Ledger;

namespace Alpha.Cluster.Schedules;

/// <summary>
/// Who claimed a schedule fire (<c>schedule_fires.claimed_by</c>). A cluster's nodes claim in the cluster's name
/// (<c>cluster:ID host/pid</c>), a single-process scheduler (<c>alpha workflows schedule</c>) as its process
/// (<c>host/pid</c>). Both claim through the one unique key (schedule, scheduled_at), so only one gets a fire; a
/// cluster adopts a claimed fire that has no run yet (its node died between the claim and the start) only when the
/// claim is its own, since a single-process scheduler dispatches its claims itself.
/// </summary>
internal static class ScheduleClaims
{
    /// <summary>The claimant a node of cluster <paramref name="clusterId"/> writes.</summary>
    public static string For(string clusterId) => $"{Prefix(clusterId)}{RunOwner.Current.Host}/{RunOwner.Current.ProcessId}";

    /// <summary>Whether <paramref name="fire"/> was claimed by a node of cluster <paramref name="clusterId"/> (any node, alive or not).</summary>
    public static bool IsOf(ScheduleFire fire, string clusterId) => fire.ClaimedBy.StartsWith(Prefix(clusterId), StringComparison.Ordinal);

    private static string Prefix(string clusterId) => $"cluster:{clusterId} ";
}
