namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// Turns the cases of one public data set layout into Alpha incidents. Importers only translate: they never
/// put the label (or anything derived from it) into the incident.
/// </summary>
public interface IIncidentImporter
{
    /// <summary>The format name used on the command line (e.g. <c>rcd-sockshop</c>).</summary>
    string Format { get; }

    /// <summary>The case paths under <paramref name="root"/> (a data set folder, or one case folder), in a stable order.</summary>
    IReadOnlyList<string> FindCases(string root);

    /// <summary>Imports the case at <paramref name="casePath"/>; <paramref name="root"/> is used to build its id.</summary>
    /// <exception cref="Alpha.Runtime.Schemas.InvalidInputException">The case's files are missing or malformed.</exception>
    IReadOnlyList<ImportedCase> Import(string root, string casePath);
}
