namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>kill_run</c>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Killed">True: the kill reached it (it ends cancelled; describe_run shows when).</param>
/// <param name="By">Who asked, as the run's kill frame names it.</param>
public sealed record KillView(string RunId, bool Killed, string By);
