namespace Alpha.Platform.Ledger;

/// <summary>A kill asked for an open run (<c>alpha runs kill</c>), waiting for the process running it to act.</summary>
/// <param name="RunId">The run to kill.</param>
/// <param name="RequestedBy">Who asked (the first requester when several did).</param>
/// <param name="RequestedAt">When it was asked.</param>
public sealed record KillRequest(string RunId, string RequestedBy, DateTimeOffset RequestedAt);
