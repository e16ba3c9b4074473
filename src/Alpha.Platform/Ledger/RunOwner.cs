using System.ComponentModel;
using System.Diagnostics;

namespace Alpha.Platform.Ledger;

/// <summary>
/// The process that records a run: its host, process id and process start time (the start time tells a live owner
/// from a later process that reused its id). <c>runs recover</c> leaves a run alone while its owner is alive.
/// </summary>
/// <param name="Host">The machine name (<see cref="Environment.MachineName"/>).</param>
/// <param name="ProcessId">The process id on that host.</param>
/// <param name="ProcessStartedAt">When that process started (UTC).</param>
public sealed record RunOwner(string Host, int ProcessId, DateTimeOffset ProcessStartedAt)
{
    // Process start times are read from the OS with clock-tick precision; two reads of one process agree well within this.
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    /// <summary>This process.</summary>
    public static RunOwner Current { get; } = CreateCurrent();

    /// <summary>
    /// Whether the owner process still runs: true or false for a process of this host, null for another host (this
    /// process cannot see it; the run's heartbeat decides then).
    /// </summary>
    public bool? IsAlive()
    {
        if (!string.Equals(Host, Current.Host, StringComparison.Ordinal))
        {
            return null;
        }

        if (ProcessId == Current.ProcessId)
        {
            return ProcessStartedAt == Current.ProcessStartedAt || (ProcessStartedAt - Current.ProcessStartedAt).Duration() <= StartTolerance;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited && (new DateTimeOffset(process.StartTime.ToUniversalTime()) - ProcessStartedAt).Duration() <= StartTolerance;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // No such process (or it ended while being read).
            return false;
        }
    }

    private static RunOwner CreateCurrent()
    {
        using var self = Process.GetCurrentProcess();
        return new RunOwner(Environment.MachineName, Environment.ProcessId, new DateTimeOffset(self.StartTime.ToUniversalTime()));
    }
}
