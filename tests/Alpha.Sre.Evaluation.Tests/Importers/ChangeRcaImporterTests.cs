using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Importers;
using Alpha.Sre.Evaluation.Rca;
using Alpha.Sre.Incidents;
using Alpha.Testing;

namespace Alpha.Sre.Evaluation.Tests.Importers;

public sealed class ChangeRcaImporterTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "changerca");

    private static ImportedCase ImportCase(string caseId)
    {
        var importer = new ChangeRcaImporter();
        return Assert.Single(importer.Import(Root, Path.Combine(Root, caseId)));
    }

    [Fact]
    public void FindCases_DataSetFolder_ListsEveryCaseFolderInOrder()
    {
        var cases = new ChangeRcaImporter().FindCases(Root);

        Assert.Equal(["2023-09-22_1", "2023-09-22_7"], cases.Select(c => new DirectoryInfo(c).Name));
        Assert.Equal(cases, new ChangeRcaImporter().FindCases(Root).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Import_Case_HasDeploymentsDetectionTimeAndSeparateLabel()
    {
        var imported = ImportCase("2023-09-22/2023-09-22_1");
        var incident = imported.Incident;

        Assert.Equal("2023-09-22/2023-09-22_1", imported.CaseId);
        Assert.Equal(new CaseLabel("adservice", null, "exception"), imported.Label);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1695398340), incident.DetectedAt);
        Assert.Equal(
            [
                new Deployment("adservice", "v1", "v2", DateTimeOffset.FromUnixTimeSeconds(1695398196), DateTimeOffset.FromUnixTimeSeconds(1695399520)),
                new Deployment("currencyservice", "v1", "v2", DateTimeOffset.FromUnixTimeSeconds(1695398196), DateTimeOffset.FromUnixTimeSeconds(1695399319)),
            ],
            incident.Deployments);
        Assert.Equal(["adservice", "currencyservice"], incident.Topology["frontend"]);
    }

    [Fact]
    public void Import_Case_NeverCarriesTheLabelFieldsOrTheBaselinesAnswers()
    {
        var imported = ImportCase("2023-09-22/2023-09-22_1");

        var json = JsonSerializer.Serialize(imported.Incident, AlphaJson.Options);
        Assert.DoesNotContain("fault", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("exception", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("normal_service", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("result", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Import_Case_WritesServiceSeriesAndPerInstanceBreakdowns()
    {
        var incident = ImportCase("2023-09-22/2023-09-22_1").Incident;

        var service = incident.Metrics.Single(m => m.Key == "adservice.success_rate");
        Assert.Empty(service.Labels);
        var canary = incident.Metrics.Single(m => m.Key == "adservice.success_rate{version=v2,instance=adservice-v2-fd6989b7c-w7f44,caller=frontend}");
        Assert.Equal(("adservice", "success_rate"), (canary.Service, canary.Metric));
        Assert.Equal(new Dictionary<string, string> { ["version"] = "v2", ["instance"] = "adservice-v2-fd6989b7c-w7f44", ["caller"] = "frontend" }, canary.Labels);
        // First row of that pod's file: 33.33 % of its calls succeeded at 15:59:00.
        Assert.Equal(new MetricPoint(DateTimeOffset.FromUnixTimeSeconds(1695398340), 33.33333333333333), canary.Points[0]);
        var cpu = incident.Metrics.Single(m => m.Key == "adservice.cpu_usage_percent{version=v1,instance=adservice-v1-59dcc9f97-2k8gb}");
        Assert.Equal("cpu_usage_percent", cpu.Metric);
        // At the first sampling step every adservice pod reported success 100: the service mean is 100.
        Assert.Equal(100, service.Points[0].Value, 9);
    }

    [Fact]
    public void Import_DeletedPod_HasNoSamplesAfterItsStepCompleted()
    {
        var incident = ImportCase("2023-09-22/2023-09-22_1").Incident;

        // The plan's first step deleted adservice-v1-...-z9dj5 and completed at 1695398261; its file carries on
        // (with the new pod's values) after that.
        var deleted = incident.Metrics.Where(m => m.Labels.GetValueOrDefault("instance") == "adservice-v1-59dcc9f97-z9dj5").ToArray();
        Assert.NotEmpty(deleted);
        Assert.All(deleted.SelectMany(m => m.Points), p => Assert.True(p.Timestamp <= DateTimeOffset.FromUnixTimeSeconds(1695398261)));
        Assert.Contains(deleted.SelectMany(m => m.Points), p => p.Timestamp == DateTimeOffset.FromUnixTimeSeconds(1695398220));
    }

    [Theory]
    [InlineData("adservice-v2-fd6989b7c-w7f44", "adservice", "v2")]
    [InlineData("recommendationservice-v1-5b769cd779-4bjfz", "recommendationservice", "v1")]
    [InlineData("loadgenerator-75f659cdb5-96t8n", "loadgenerator", null)]
    public void VersionOf_PodName_IsThePartBeforeTheReplicaSetHash(string pod, string service, string? version)
    {
        Assert.Equal(version, ChangeRcaImporter.VersionOf(pod, service));
    }

    [Fact]
    public void Import_MissingPlan_IsAnInputError()
    {
        var empty = Directory.CreateTempSubdirectory("changerca-");
        try
        {
            var ex = Assert.Throws<InvalidInputException>(() => new ChangeRcaImporter().Import(empty.FullName, empty.FullName));

            Assert.Contains(".json", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Evaluate_TinyChangeRcaFolder_RanksBothDefectiveChangesFirst()
    {
        var report = await RcaEvaluator.RunAsync(new ChangeRcaImporter(), Root, ScoringAnalyzer.Create(), null, CancellationToken.None);

        Assert.Equal(2, report.Cases);
        Assert.Equal(1.0, report.Overall["hr@1"]);
        Assert.Equal(1.0, report.Overall["mar"]);
        Assert.Equal(["adservice", "emailservice"], report.PerCase.Select(c => c.Ranked[0]));
    }

    [Fact]
    public async Task Evaluate_SharedDevelopmentSplit_ReachesTheGoals()
    {
        var report = await RcaEvaluator.RunAsync(new ChangeRcaImporter(), SharedData.Path("changerca"), ScoringAnalyzer.Create(), null, CancellationToken.None);

        // Issue 4's goal: HR@1 >= 0.90 and HR@3 = 1.0 (ChangeRCA: 0.882 / 1.0).
        Assert.Equal(33, report.Cases);
        Assert.True(report.Overall["hr@1"] >= 0.9, $"hr@1 {report.Overall["hr@1"]}");
        Assert.Equal(1.0, report.Overall["hr@3"]);
    }
}
