namespace Alpha.Sre.Evaluation.Importers;

/// <summary>Every importer, by format name.</summary>
public static class ImporterCatalog
{
    private static readonly IIncidentImporter[] All =
    [
        new RcdSockShopImporter(),
        new RcaEvalImporter(),
        new PetshopImporter(),
        new ChangeRcaImporter(),
        new NezhaImporter(),
    ];

    /// <summary>The format names, sorted.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. All.Select(i => i.Format).Order(StringComparer.Ordinal)];

    /// <summary>The importer for <paramref name="format"/>, or null.</summary>
    public static IIncidentImporter? Find(string format) =>
        All.FirstOrDefault(i => string.Equals(i.Format, format, StringComparison.OrdinalIgnoreCase));
}
