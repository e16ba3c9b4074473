namespace Alpha.Platform.Ledger;

/// <summary>The data sources promoted from discovery (<c>source_promotions</c>, schema version 8); rows are never updated or deleted. Implemented by both ledger stores.</summary>
public interface ISourcePromotionStore
{
    /// <summary>Records <paramref name="promotion"/> unless its entry was promoted before; returns the row kept and whether this call created it.</summary>
    Task<(SourcePromotion Promotion, bool Created)> PromoteSourceAsync(SourcePromotion promotion, CancellationToken cancellationToken = default);

    /// <summary>Every promotion, oldest first.</summary>
    Task<IReadOnlyList<SourcePromotion>> ListSourcePromotionsAsync(CancellationToken cancellationToken = default);
}
