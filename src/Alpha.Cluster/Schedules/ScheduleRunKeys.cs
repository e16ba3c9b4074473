using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Alpha.Cluster.Schedules;

/// <summary>
/// The cluster run key of a schedule fire: derived from (schedule, scheduled time), so whoever dispatches a claimed fire
/// (its schedule's grain, or the same grain reactivated on another node after a loss) starts the same single-activation
/// run grain, whose second start is a no-op: a fire is dispatched once.
/// </summary>
public static class ScheduleRunKeys
{
    /// <summary>The run key of the fire of <paramref name="schedule"/> at <paramref name="scheduledAt"/>.</summary>
    public static string For(string schedule, DateTimeOffset scheduledAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        var text = schedule + "@" + scheduledAt.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return "crun_fire_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }
}
