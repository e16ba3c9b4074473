using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// The RCD Sock Shop layout (azamikram/rcd): <c>{service}-{fault}/{rep}/normal.csv</c> and <c>anomalous.csv</c>,
/// columns <c>time,{svc}_{metric}...</c> (Unix seconds). The incident holds every column as a series over both
/// files and <c>detected_at</c> = the first time of anomalous.csv (the data set's own split: the anomalous file
/// starts at the fault). Label: the folder name (service, and cpu -> cpu, mem -> memory).
/// </summary>
public sealed class RcdSockShopImporter : IIncidentImporter
{
    /// <inheritdoc />
    public string Format => "rcd-sockshop";

    /// <inheritdoc />
    public IReadOnlyList<string> FindCases(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return [.. Directory.EnumerateFiles(root, "anomalous.csv", SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(f)!)
            .Where(d => File.Exists(Path.Combine(d, "normal.csv")))
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public IReadOnlyList<ImportedCase> Import(string root, string casePath)
    {
        var skipped = new CsvSkipLog();
        var normal = CsvTable.Read(Path.Combine(casePath, "normal.csv"), skipped);
        var anomalous = CsvTable.Read(Path.Combine(casePath, "anomalous.csv"), skipped);
        var timeColumn = anomalous.IndexOf("time");
        if (timeColumn < 0 || anomalous.Rows.Count == 0)
        {
            throw new InvalidInputException(Path.Combine(casePath, "anomalous.csv"), 1, "time", "a time column and at least one row are required");
        }

        var caseId = Path.GetRelativePath(root, casePath).Replace('\\', '/');
        var builder = new IncidentBuilder($"rcd-sockshop/{caseId}")
            .DetectedAt(DateTimeOffset.FromUnixTimeMilliseconds((long)(anomalous.Rows[0][timeColumn] * 1000)));
        var normalTime = normal.IndexOf("time");
        foreach (var column in anomalous.Columns.Where(c => c != "time"))
        {
            var a = anomalous.IndexOf(column);
            var n = normal.IndexOf(column);
            var points = (n < 0 ? [] : normal.Rows.Select(r => (r[normalTime], r[n])))
                .Concat(anomalous.Rows.Select(r => (r[timeColumn], r[a])));
            builder.Series(column, points);
        }

        return [new ImportedCase(caseId, builder.Build(caseId), LabelFrom(casePath)) { SkippedRows = skipped.Rows }];
    }

    private static CaseLabel? LabelFrom(string casePath)
    {
        for (var dir = new DirectoryInfo(casePath); dir is not null; dir = dir.Parent)
        {
            var dash = dir.Name.LastIndexOf('-');
            if (dash > 0 && dir.Name[(dash + 1)..] is "cpu" or "mem" or "memory" or "disk" or "delay" or "loss")
            {
                var fault = dir.Name[(dash + 1)..];
                return new CaseLabel(dir.Name[..dash], fault switch { "mem" or "memory" => FaultTypes.Memory, "cpu" => FaultTypes.Cpu, "disk" => FaultTypes.Disk, "delay" => FaultTypes.NetworkDelay, _ => FaultTypes.PacketLoss }, fault);
            }
        }

        return null;
    }
}
