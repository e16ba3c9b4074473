using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Importers;

/// <summary>
/// The PetShop layout (amazon-science/petshop-root-cause-analysis): <c>{scenario}/graph.csv</c> (the call graph
/// as an adjacency matrix: row = caller, column = callee), optionally <c>{scenario}/noissue/metrics.csv</c> (a
/// fault-free recording) and one folder per issue with <c>metrics.csv</c> and <c>target.json</c>.
/// <list type="bullet">
/// <item>Series: one per column, keyed <c>{service}.{metric}_{statistic}</c> (e.g. <c>PetSite.latency_p90</c>,
/// <c>PetSite.requests_sum</c>, <c>PetSite.availability_average</c>); the service is the node as the graph spells it,
/// with '.' replaced by '-' so the key splits at its first dot (see <see cref="ServiceName"/>).</item>
/// <item>Baseline: the issue files hold five 5-minute samples, two of them before the alert, too few for a
/// baseline; the data set's own methods fit their detectors on the scenario's <c>noissue</c> recording, so it is
/// prepended as history, shifted in time to end one step before the issue window (it was recorded months
/// apart). Scenarios without one (temporal traffic) get the issue window alone.</item>
/// <item><c>detected_at</c>: the alert's time (<c>target.timestamp</c>); the alert itself (node, metric,
/// statistic) is an INFO log line, as an on-call engineer would know it. The root cause never enters the incident.</item>
/// <item>Topology: every non-zero cell of <c>graph.csv</c> is a call edge row -> column.</item>
/// <item>Label: <c>root_cause.node</c> (spelled by <see cref="ServiceName"/>); no fault type (the data set labels
/// only the node); the alerted metric (latency, availability) as the data set's issue type.</item>
/// </list>
/// </summary>
public sealed class PetshopImporter : IIncidentImporter
{
    private const string MetricsFile = "metrics.csv";
    private const string TargetFile = "target.json";
    private const string GraphFile = "graph.csv";
    private const string BaselineFolder = "noissue";

    /// <inheritdoc />
    public string Format => "petshop";

    /// <summary>
    /// The service name of a graph node: the node with '.' replaced by '-', since an incident's metric key
    /// <c>service.metric</c> splits at its first dot and PetShop nodes include host names
    /// (<c>servi-lista.us-west-2.elb.amazonaws.com_remote</c>).
    /// </summary>
    public static string ServiceName(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Trim().Replace('.', '-');
    }

    /// <inheritdoc />
    public IReadOnlyList<string> FindCases(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return [.. Directory.EnumerateFiles(root, TargetFile, SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(f)!)
            .Where(d => File.Exists(Path.Combine(d, MetricsFile)))
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public IReadOnlyList<ImportedCase> Import(string root, string casePath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(casePath);
        var skipped = new CsvSkipLog();
        var issue = PetshopMetricsFile.Read(Path.Combine(casePath, MetricsFile), skipped);
        var target = PetshopTarget.Read(Path.Combine(casePath, TargetFile));
        if (issue.Rows.Count == 0)
        {
            throw new InvalidInputException(Path.Combine(casePath, MetricsFile), null, "$", "no samples after the header rows");
        }

        var caseId = Path.GetRelativePath(root, casePath).Replace('\\', '/');
        if (caseId == ".")
        {
            caseId = new DirectoryInfo(casePath).Name;
        }

        var detectedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(target.UnixSeconds * 1000));
        var builder = new IncidentBuilder($"petshop/{caseId}")
            .DetectedAt(detectedAt)
            .Alert(ServiceName(target.Node), $"{target.Metric.ToLowerInvariant()}_{target.Statistic.ToLowerInvariant()}", detectedAt);

        var scenario = ScenarioFolder(casePath);
        var baseline = scenario is null ? null : Baseline(scenario, casePath, skipped);
        var shift = baseline is null ? 0 : Shift(baseline, issue.Timestamps.Min());
        for (var c = 0; c < issue.Columns.Count; c++)
        {
            var column = issue.Columns[c];
            if (column.Node.Length == 0 || column.Metric.Length == 0)
            {
                continue;
            }

            var history = baseline?.IndexOf(column) is >= 0 and var b ? baseline.Points(b).Select(p => (p.UnixSeconds + shift, p.Value)) : [];
            var key = $"{ServiceName(column.Node)}.{column.Metric.ToLowerInvariant()}_{column.Statistic.ToLowerInvariant()}";
            builder.Series(key, history.Concat(issue.Points(c)));
        }

        if (scenario is not null)
        {
            AddTopology(builder, Path.Combine(scenario, GraphFile), skipped);
        }

        var label = target.RootCauseNode is { } node ? new CaseLabel(ServiceName(node), null, target.Metric) : null;
        return [new ImportedCase(caseId, builder.Build(caseId), label) { SkippedRows = skipped.Rows }];
    }

    /// <summary>The nearest folder at or above the issue's parent that holds graph.csv (the scenario), or null.</summary>
    private static string? ScenarioFolder(string casePath)
    {
        for (var dir = new DirectoryInfo(casePath).Parent; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, GraphFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static PetshopMetricsFile? Baseline(string scenario, string casePath, CsvSkipLog skipped)
    {
        var path = Path.Combine(scenario, BaselineFolder, MetricsFile);
        var isItself = string.Equals(Path.GetFullPath(casePath), Path.GetFullPath(Path.Combine(scenario, BaselineFolder)), StringComparison.Ordinal);
        return !isItself && File.Exists(path) ? PetshopMetricsFile.Read(path, skipped) : null;
    }

    /// <summary>The time shift that makes the baseline end one sampling step before <paramref name="issueStart"/>.</summary>
    private static double Shift(PetshopMetricsFile baseline, double issueStart)
    {
        var times = baseline.Timestamps.Order().ToArray();
        if (times.Length == 0)
        {
            return 0;
        }

        var steps = times.Zip(times.Skip(1), (a, b) => b - a).Where(d => d > 0).Order().ToArray();
        var step = steps.Length == 0 ? 60 : steps[steps.Length / 2];
        return issueStart - step - times[^1];
    }

    private static void AddTopology(IncidentBuilder builder, string path, CsvSkipLog skipped)
    {
        using var csv = CsvFileReader.Open(path, skipped);
        if (!csv.Read())
        {
            throw new InvalidInputException(path, 1, "$", "the file is empty; expected a header row of callee nodes");
        }

        var callees = csv.Texts();
        while (csv.Read())
        {
            var caller = csv.Span(0).Trim().ToString();
            if (caller.Length == 0)
            {
                continue;
            }

            for (var c = 1; c < csv.Count && c < callees.Length; c++)
            {
                var v = csv.Number(c);
                if (double.IsNaN(v))
                {
                    throw new InvalidInputException(path, csv.Line, callees[c], $"'{csv.Text(c)}' is not a number (the adjacency matrix holds 0 or 1)");
                }

                var callee = callees[c].Trim();
                if (v != 0 && callee.Length > 0 && !string.Equals(callee, caller, StringComparison.Ordinal))
                {
                    builder.Calls(ServiceName(caller), ServiceName(callee));
                }
            }
        }
    }
}
