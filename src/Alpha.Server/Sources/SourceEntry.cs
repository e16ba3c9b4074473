namespace Alpha.Server.Sources;

/// <summary>One data source discovery found: a configured vendor (Sentry, GitHub) or an incident file of the imports folder.</summary>
/// <param name="Id"><c>sentry</c>, <c>github</c> or <c>file-</c> + 12 hex digits of the SHA-256 of the file's path under the folder.</param>
/// <param name="Kind"><c>sentry</c>, <c>github</c> or <c>file</c>.</param>
/// <param name="Name">The vendor, or the file's path under the imports folder.</param>
/// <param name="Location">Where it lives (a URL and organisation, a path); never a credential.</param>
/// <param name="Status"><c>configured</c>, <c>not_configured</c>, <c>anonymous</c>, <c>discovered</c> or <c>promoted</c>.</param>
/// <param name="Detail">One line for a person.</param>
/// <param name="PromotedAt">When it was promoted (from the ledger); null when it was not.</param>
public sealed record SourceEntry(string Id, string Kind, string Name, string Location, string Status, string Detail, DateTimeOffset? PromotedAt);
