namespace Alpha.Platform.Ledger;

/// <summary>A data source an operator promoted (<c>source_promotions</c>, schema version 8): its probe passed and it is now a registered source.</summary>
/// <param name="EntryId">The discovery entry's id (<c>sentry</c>, <c>github</c>, <c>file-...</c>).</param>
/// <param name="Kind">sentry, github or file.</param>
/// <param name="Name">Its name as listed.</param>
/// <param name="Location">Where it lives (a URL, a path), never a credential.</param>
/// <param name="PromotedBy">Who promoted it (<c>token:NAME</c>).</param>
/// <param name="PromotedAt">When.</param>
public sealed record SourcePromotion(string EntryId, string Kind, string Name, string Location, string PromotedBy, DateTimeOffset PromotedAt);
