namespace Alpha.Platform.Ledger;

/// <summary>One versioned schema change, applied once, in order, inside a transaction, when a store opens.</summary>
/// <param name="Version">1, 2, ... (recorded in <c>schema_migrations</c>).</param>
/// <param name="Description">What it changes.</param>
/// <param name="Sql">The provider's DDL.</param>
public sealed record LedgerMigration(int Version, string Description, string Sql);
