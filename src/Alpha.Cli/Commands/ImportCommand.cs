using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Alpha.Cli.Hosting;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Importers;

namespace Alpha.Cli.Commands;

/// <summary><c>alpha import FORMAT PATH [--out FILE]</c>: turn one case of a public data set into an incident file (labels are never written into it).</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var format = new Argument<string>("format") { Description = $"Data set layout: {string.Join(", ", ImporterCatalog.Formats)}." };
        var path = new Argument<string>("path") { Description = "A case folder of that data set." };
        var output = new Option<string?>("--out") { Description = "Write the incident here (default: stdout)." };
        var caseId = new Option<string?>("--case") { Description = "When the folder holds several incidents (a Nezha day), the one whose case id ends with this (e.g. 09:34:19); default: the first." };
        var command = new Command("import", "Import one case of a public incident data set as an Alpha incident (JSON). The label is printed to stderr, never written into the incident.")
        {
            format, path, output, caseId,
        };
        command.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(format)!, parse.GetValue(path)!, parse.GetValue(output), parse.GetValue(caseId), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, string format, string path, string? output, string? caseId, CancellationToken cancellationToken)
    {
        if (ImporterCatalog.Find(format) is not { } importer)
        {
            await cli.Error.WriteLineAsync($"error: unknown format '{format}'; use one of {string.Join(", ", ImporterCatalog.Formats)}");
            return ExitCodes.BadInput;
        }

        if (!Directory.Exists(path))
        {
            await cli.Error.WriteLineAsync($"error: {path}: not a folder; give a case folder of the {format} data set");
            return ExitCodes.BadInput;
        }

        IReadOnlyList<ImportedCase> cases;
        try
        {
            var found = importer.FindCases(path);
            var casePath = found.Count > 0 ? found[0] : throw new InvalidInputException(path, null, "$", $"no {format} case found under this folder");
            cases = importer.Import(Path.GetDirectoryName(Path.GetFullPath(casePath)) ?? casePath, casePath);
        }
        catch (InvalidInputException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var imported = caseId is null ? cases[0] : cases.FirstOrDefault(c => c.CaseId.EndsWith(caseId, StringComparison.Ordinal));
        if (imported is null)
        {
            await cli.Error.WriteLineAsync($"error: --case {caseId}: no incident of this folder has that id; its cases: {string.Join(", ", cases.Select(c => c.CaseId))}");
            return ExitCodes.BadInput;
        }

        var json = JsonSerializer.Serialize(imported.Incident, AlphaJson.Indented);
        if (output is null)
        {
            await cli.Out.WriteLineAsync(json);
        }
        else
        {
            await File.WriteAllTextAsync(output, json + "\n", cancellationToken);
            await cli.Error.WriteLineAsync($"wrote {output} ({imported.CaseId})");
        }

        if (cases.Count > 1 && caseId is null)
        {
            await cli.Error.WriteLineAsync($"note: this folder holds {cases.Count} incidents; the first was written (pick another with --case: {string.Join(", ", cases.Select(c => c.CaseId))}). alpha eval rca scores them all.");
        }

        await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"skipped {imported.SkippedRows.Count} malformed CSV row(s) while reading this case"));
        foreach (var row in imported.SkippedRows.Take(10))
        {
            await cli.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {row.File}:{row.Line}: {row.Reason}"));
        }

        await cli.Error.WriteLineAsync(imported.Label is { } label
            ? $"label (for scoring only): service={label.Service} fault={label.DatasetFault ?? "-"}"
            : "label: none in this case's layout");
        return ExitCodes.Ok;
    }
}
