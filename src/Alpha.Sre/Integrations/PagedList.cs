namespace Alpha.Sre.Integrations;

/// <summary>Items read from a paginated vendor endpoint.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items read, in the vendor's order.</param>
/// <param name="MorePages">True when the vendor had more pages than were read (the page or item cap was reached).</param>
public sealed record PagedList<T>(IReadOnlyList<T> Items, bool MorePages);
