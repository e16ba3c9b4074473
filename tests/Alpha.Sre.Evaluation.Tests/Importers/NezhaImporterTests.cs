using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Importers;
using Alpha.Sre.Evaluation.Rca;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Evaluation.Tests.Importers;

public sealed class NezhaImporterTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "nezha");

    private static readonly DateTimeOffset Injected = new(2023, 1, 30, 11, 51, 46, TimeSpan.Zero);

    [Fact]
    public void FindCases_DataSetRoot_FindsTheDayFolder()
    {
        var day = Assert.Single(new NezhaImporter().FindCases(Root));

        Assert.Equal(Path.Combine(Root, "rca_data", "2023-01-30"), day);
        Assert.Same(typeof(NezhaImporter), ImporterCatalog.Find("nezha")?.GetType());
    }

    [Fact]
    public void Import_DayFolder_GivesOneIncidentPerFaultWithTheLabelApart()
    {
        var importer = new NezhaImporter();

        var cases = importer.Import(Root, importer.FindCases(Root)[0]);

        Assert.Equal(["rca_data/2023-01-30/11:51:46", "rca_data/2023-01-30/11:59:21"], cases.Select(c => c.CaseId));
        Assert.Equal(new CaseLabel("ts-contacts-service", "network-delay", "network_delay"), cases[0].Label);
        Assert.Equal(new CaseLabel("ts-basic-service", "cpu", "cpu_contention"), cases[1].Label);
        Assert.Equal(Injected, cases[0].Incident.DetectedAt);
        foreach (var c in cases)
        {
            var text = JsonSerializer.Serialize(c.Incident.Extensions, AlphaJson.Options);
            Assert.DoesNotContain("network_delay", text, StringComparison.Ordinal);
            Assert.DoesNotContain("cpu_contention", text, StringComparison.Ordinal);
            Assert.DoesNotContain("inject", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Import_Case_MapsPodsToServicesWithSpansLogsMetricsAndTopology()
    {
        var incident = FirstIncident();

        Assert.All(incident.Traces, s => Assert.Matches("^ts-[a-z0-9-]+-service$", s.Service));
        Assert.Contains(incident.Traces, s => s.ParentSpanId is not null);
        Assert.Contains("ts-contacts-service", incident.Topology["ts-preserve-service"]);
        Assert.Contains("ts-station-service", incident.Topology["ts-basic-service"]);
        var cpu = incident.Metrics.Single(m => m.Key == "ts-contacts-service.cpu_usage_rate_pct");
        Assert.Equal("ts-contacts-service", cpu.Service);
        Assert.All(cpu.Points, p => Assert.InRange(p.Timestamp!.Value, Injected.AddMinutes(-NezhaImporter.BaselineMinutes), Injected.AddMinutes(NezhaImporter.IncidentMinutes)));
        Assert.Equal(13, cpu.Points.Count);
        Assert.DoesNotContain(incident.Metrics, m => m.Metric.StartsWith("node", StringComparison.Ordinal));
        Assert.Contains(incident.Logs, l => l.Service == "ts-travel-service" && l.Level == "INFO" && l.Message.StartsWith("t.s.TravelServiceImpl#", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_Case_PutsTheFaultFreeReferenceJustBeforeTheInjection()
    {
        var incident = FirstIncident();
        var before = incident.Traces.Where(s => s.Start < Injected).ToArray();
        var reference = File.ReadLines(Path.Combine(Root, "construct_data", "2023-01-30", "trace", "11_39_trace.csv")).Count() - 1;

        Assert.Equal(reference, before.Length);
        Assert.Equal(Injected.AddSeconds(-1), before.Max(s => s.Start));
        Assert.True(before.Min(s => s.Start) > Injected.AddMinutes(-2));
        Assert.All(incident.Traces.Where(s => s.Start >= Injected), s => Assert.True(s.Start < Injected.AddMinutes(NezhaImporter.IncidentMinutes)));
        Assert.Contains(incident.Logs, l => l.Timestamp < Injected);
    }

    [Fact]
    public async Task Evaluate_Fixture_RanksTheDelayedServiceFirst()
    {
        var report = await RcaEvaluator.RunAsync(new NezhaImporter(), Root, ScoringAnalyzer.Create(), null, CancellationToken.None);

        Assert.Equal(2, report.Cases);
        var delayed = report.PerCase.Single(c => c.Label == "ts-contacts-service");
        Assert.Equal(1, delayed.Rank);
        Assert.Equal("network-delay", delayed.PredictedFault);
    }

    [Fact]
    public void Import_FolderWithoutFaultList_IsAnInputError()
    {
        var empty = Directory.CreateTempSubdirectory("nezha-");
        try
        {
            var error = Assert.Throws<InvalidInputException>(() => new NezhaImporter().Import(empty.FullName, empty.FullName));
            Assert.Contains("fault_list.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("ts-food-service-f5756978c-6sb8t", "ts-food-service")]
    [InlineData("ts-admin-basic-info-service-5f55b6cf68-qmx8k", "ts-admin-basic-info-service")]
    [InlineData("ts-station-food-service-dc4d75dd-k65k2", "ts-station-food-service")]
    [InlineData("fluentd-x7k2p", "fluentd")]
    [InlineData("ts-travel2-service", "ts-travel2-service")]
    [InlineData("checkout-service", "checkout-service")]
    [InlineData("redis-cart-master", "redis-cart-master")]
    public void ServiceOf_PodName_DropsOnlyKubernetesSuffixes(string pod, string service) =>
        Assert.Equal(service, NezhaPodNames.ServiceOf(pod));

    [Theory]
    [InlineData("CpuUsageRate(%)", "cpu_usage_rate_pct")]
    [InlineData("MemoryUsage(Mi)", "memory_usage_mi")]
    [InlineData("PodClientLatencyP90(s)", "pod_client_latency_p90_s")]
    [InlineData("PodWorkload(Ops)", "pod_workload_ops")]
    [InlineData("SyscallRead", "syscall_read")]
    [InlineData("HTTPServerErrors", "http_server_errors")]
    public void MetricName_Column_IsSnakeCaseWithTheUnitLast(string column, string name) =>
        Assert.Equal(name, NezhaImporter.MetricName(column));

    [Fact]
    public void SplitLine_ApplicationLine_SplitsClockAndLevel()
    {
        Assert.Equal(("ERROR", "f.s.FoodServiceImpl#302 [getAllFood][failed]"), NezhaTelemetry.SplitLine("22:10:26.989 ERROR f.s.FoodServiceImpl#302 [getAllFood][failed]"));
        Assert.Equal(((string?)null, "no level here"), NezhaTelemetry.SplitLine("no level here"));
        Assert.Equal("19:50:59.971 INFO  x", NezhaTelemetry.Unwrap("""{"log":"19:50:59.971 INFO  x\n","stream":"stdout"}"""));
    }

    [Theory]
    [InlineData("cpu_consumed", "cpu")]
    [InlineData("return", "code-exception")]
    [InlineData("exception", "code-exception")]
    [InlineData("pod_kill", null)]
    public void LabelOf_NezhaFault_MapsToTheTaxonomy(string type, string? fault) =>
        Assert.Equal(new CaseLabel("ts-order-service", fault, type), NezhaImporter.LabelOf(new NezhaFault(Injected, "ts-order-service-5b67c48447-fj8b7", type)));

    private static SreIncident FirstIncident()
    {
        var importer = new NezhaImporter();
        return importer.Import(Root, importer.FindCases(Root)[0])[0].Incident;
    }

    [Fact]
    public void Import_LogFileWithMalformedLine_SkipsAndReportsItAndKeepsTheRest()
    {
        // Fixtures/README.md: line 11 of 11_52_log.csv is a malformed line cut from the real data set.
        var cases = new NezhaImporter().Import(Root, Path.Combine(Root, "rca_data", "2023-01-30"));

        var skipped = Assert.Single(cases[0].SkippedRows);
        Assert.EndsWith("11_52_log.csv", skipped.File, StringComparison.Ordinal);
        Assert.Equal(11, skipped.Line);
        Assert.Contains("closing quote", skipped.Reason, StringComparison.Ordinal);
        Assert.Empty(cases[1].SkippedRows);
        var path = skipped.File;
        Assert.Equal(File.ReadLines(path).Count() - 2, NezhaTelemetry.ReadLogs(path).Count());
    }
}
