using Alpha.Sre.Evaluation.Importers;

namespace Alpha.Sre.Evaluation.Tests.Rca;

/// <summary>Wraps an importer and adds one case folder, <see cref="BrokenCase"/>, whose import throws.</summary>
internal sealed class FailingImporter(IIncidentImporter inner) : IIncidentImporter
{
    public const string BrokenCase = "broken-case";

    public string Format => inner.Format;

    public IReadOnlyList<string> FindCases(string root) => [.. inner.FindCases(root), Path.Combine(root, BrokenCase)];

    public IReadOnlyList<ImportedCase> Import(string root, string casePath) =>
        Path.GetFileName(casePath) == BrokenCase
            ? throw new InvalidOperationException("the case folder is unreadable")
            : inner.Import(root, casePath);
}
