using System.Globalization;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// The RCAEval layout (RE1/RE2/RE3): a case folder with <c>data.csv</c> or <c>simple_metrics.csv</c>
/// (<c>time</c> in Unix seconds, then <c>{svc}_{metric}</c> columns) and optionally <c>inject_time.txt</c>
/// (Unix seconds; RCAEval hands it to every method as the anomaly time, and so does this importer, as
/// <c>detected_at</c>). Without it the analysis finds the change point itself. Label: the nearest
/// ancestor folder named <c>{service}_{fault}</c> (e.g. <c>checkoutservice_cpu</c>); none for a lone file.
/// Not imported yet: logs.csv and traces.csv of RE2/RE3 (metrics only).
/// </summary>
public sealed class RcaEvalImporter : IIncidentImporter
{
    private static readonly string[] MetricFiles = ["data.csv", "simple_metrics.csv"];

    /// <inheritdoc />
    public string Format => "rcaeval";

    /// <inheritdoc />
    public IReadOnlyList<string> FindCases(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return [.. MetricFiles.SelectMany(f => Directory.EnumerateFiles(root, f, SearchOption.AllDirectories))
            .Select(f => Path.GetDirectoryName(f)!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public IReadOnlyList<ImportedCase> Import(string root, string casePath)
    {
        var file = MetricFiles.Select(f => Path.Combine(casePath, f)).FirstOrDefault(File.Exists)
            ?? throw new InvalidInputException(casePath, null, "$", "no data.csv or simple_metrics.csv in this case folder");
        var skipped = new CsvSkipLog();
        var table = CsvTable.Read(file, skipped);
        var time = table.IndexOf("time");
        if (time < 0)
        {
            throw new InvalidInputException(file, 1, "time", "a time column (Unix seconds) is required");
        }

        var caseId = Path.GetRelativePath(root, casePath).Replace('\\', '/');
        if (caseId == ".")
        {
            caseId = new DirectoryInfo(casePath).Name;
        }

        var builder = new IncidentBuilder($"rcaeval/{caseId}");
        var injectFile = Path.Combine(casePath, "inject_time.txt");
        if (File.Exists(injectFile))
        {
            var text = File.ReadAllText(injectFile).Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var inject))
            {
                throw new InvalidInputException(injectFile, 1, "$", "must hold a Unix time in seconds");
            }

            builder.DetectedAt(DateTimeOffset.FromUnixTimeMilliseconds((long)(inject * 1000)));
        }

        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (c != time)
            {
                var column = c;
                builder.Series(table.Columns[c], table.Rows.Select(r => (r[time], r[column])));
            }
        }

        return [new ImportedCase(caseId, builder.Build(caseId), LabelFrom(casePath)) { SkippedRows = skipped.Rows }];
    }

    private static CaseLabel? LabelFrom(string casePath)
    {
        for (var dir = new DirectoryInfo(casePath); dir is not null; dir = dir.Parent)
        {
            var underscore = dir.Name.LastIndexOf('_');
            if (underscore > 0)
            {
                var fault = dir.Name[(underscore + 1)..].ToLowerInvariant();
                var type = fault switch
                {
                    "cpu" => FaultTypes.Cpu,
                    "mem" or "memory" => FaultTypes.Memory,
                    "disk" => FaultTypes.Disk,
                    "delay" => FaultTypes.NetworkDelay,
                    "loss" => FaultTypes.PacketLoss,
                    "socket" => FaultTypes.ConnectionPool,
                    _ => null,
                };
                if (type is not null)
                {
                    return new CaseLabel(dir.Name[..underscore], type, fault);
                }
            }
        }

        return null;
    }
}
