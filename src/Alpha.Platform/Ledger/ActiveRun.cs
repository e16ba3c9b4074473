namespace Alpha.Platform.Ledger;

/// <summary>A pending or running run as <c>runs recover</c> sees it: when it was last written, its heartbeat, its owner.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">Pending or running.</param>
/// <param name="UpdatedAt">Its last write (frames, agent runs, status).</param>
/// <param name="HeartbeatAt">The last heartbeat of its recording process; null when it never sent one (recorded by an older Alpha).</param>
/// <param name="Owner">The process recording it; null when unknown (recorded by an older Alpha).</param>
public sealed record ActiveRun(string RunId, RunStatus Status, DateTimeOffset UpdatedAt, DateTimeOffset? HeartbeatAt, RunOwner? Owner);
