using Alpha.Platform.Specs;

namespace Alpha.Hosting.Analysis;

/// <summary>
/// Where analysis specs come from: a file (<c>alpha analyze --spec FILE</c>) or the shipped
/// <c>incident_analysis</c> spec (examples/specs/incident_analysis.yaml, embedded in this assembly).
/// </summary>
public static class AnalysisSpecs
{
    /// <summary>The shipped spec's name.</summary>
    public const string DefaultName = "incident_analysis";

    private const string Resource = "Alpha.Hosting.incident_analysis.yaml";

    private static readonly Lazy<AnalysisSpec> Shipped = new(() =>
    {
        using var stream = typeof(AnalysisSpecs).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing from {typeof(AnalysisSpecs).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return AsAnalysis(SpecLoader.Parse(reader.ReadToEnd(), "incident_analysis.yaml (built in)", SpecFormat.Yaml), "incident_analysis.yaml (built in)");
    });

    /// <summary>The shipped incident analysis spec.</summary>
    public static AnalysisSpec Default => Shipped.Value;

    /// <summary>Reads the analysis spec in <paramref name="path"/>, or returns <see cref="Default"/> when it is null.</summary>
    /// <exception cref="SpecValidationException">The file is missing, invalid or not an analysis spec.</exception>
    public static async Task<AnalysisSpec> LoadAsync(string? path, CancellationToken cancellationToken = default)
    {
        if (path is null)
        {
            return Default;
        }

        var spec = await SpecLoader.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return spec as AnalysisSpec ?? throw await SpecLines.LocateAsync(NotAnalysis(spec, path), path, cancellationToken).ConfigureAwait(false);
    }

    private static AnalysisSpec AsAnalysis(Spec spec, string source) => spec as AnalysisSpec ?? throw NotAnalysis(spec, source);

    private static SpecValidationException NotAnalysis(Spec spec, string source) =>
        new([new SpecError(source, null, "kind", $"is '{SpecKindNames.ToName(spec.Kind)}'; an analysis needs a spec of kind analysis (e.g. examples/specs/incident_analysis.yaml)")]);
}
