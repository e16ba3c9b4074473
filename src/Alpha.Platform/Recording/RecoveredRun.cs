namespace Alpha.Platform.Recording;

/// <summary>What <see cref="RunRecovery"/> decided for one candidate run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="MarkedFailed">True when it was marked failed; false when it was left alone (live).</param>
/// <param name="Reason">Why (the error recorded on the run, or why it is live).</param>
public sealed record RecoveredRun(string RunId, bool MarkedFailed, string Reason);
