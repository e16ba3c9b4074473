namespace Alpha.Platform.Ledger;

/// <summary>What <see cref="ILedgerStore.RequestKillAsync"/> found.</summary>
/// <param name="RunId">The run asked for.</param>
/// <param name="Status">The run's status when asked; null when there is no such run.</param>
/// <param name="Requested">True when the run was open and now carries a kill request; false for an unknown or finished run.</param>
public sealed record KillRequestResult(string RunId, RunStatus? Status, bool Requested);
