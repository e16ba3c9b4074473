namespace Alpha.Mcp.Results;

/// <summary>The answer of <c>list_runs</c>: runs newest first, and the <c>before</c> of the next page (null on the last).</summary>
/// <param name="Runs">The page.</param>
/// <param name="Next">Pass as <c>before</c> for the next page; null when this is the last.</param>
public sealed record RunListView(IReadOnlyList<RunView> Runs, string? Next);
