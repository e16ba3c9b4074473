using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Importers;
using Alpha.Sre.Evaluation.Rca;

namespace Alpha.Sre.Evaluation.Tests.Importers;

public sealed class PetshopImporterTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "petshop");

    private const string RootCause = "PetSearch_AWS::ECS::Fargate";

    [Fact]
    public void FindCases_ScenarioFolder_FindsIssuesButNotTheBaseline()
    {
        var cases = new PetshopImporter().FindCases(Root);

        var only = Assert.Single(cases);
        Assert.EndsWith(Path.Combine("high_traffic", "train", "issue_0"), only, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Issue_KeepsTheLabelApartAndTheAlertAsOnset()
    {
        var importer = new PetshopImporter();

        var imported = Assert.Single(importer.Import(Root, importer.FindCases(Root)[0]));

        Assert.Equal("high_traffic/train/issue_0", imported.CaseId);
        Assert.Equal(new CaseLabel(RootCause, null, "latency"), imported.Label);
        var incident = imported.Incident;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1681350548), incident.DetectedAt);
        Assert.Empty(incident.Logs);
        Assert.Equal(new Alpha.Sre.Incidents.IncidentAlert("PetSite", "latency_average", incident.DetectedAt), incident.Alert);
        var json = System.Text.Json.JsonSerializer.Serialize(imported.Incident, AlphaJson.Options);
        Assert.DoesNotContain("root_cause", json, StringComparison.Ordinal);
        Assert.DoesNotContain("searchdelay", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_Issue_PrependsTheShiftedBaselineBeforeTheIssueWindow()
    {
        var importer = new PetshopImporter();

        var incident = Assert.Single(importer.Import(Root, importer.FindCases(Root)[0])).Incident;

        var latency = incident.Metrics.Single(m => m.Key == $"{RootCause}.latency_average");
        Assert.Equal((RootCause, "latency_average"), (latency.Service, latency.Metric));
        // 30 noissue rows, re-timed to end one 5-minute step before the issue's first row, then the 5 issue rows.
        Assert.Equal(35, latency.Points.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1681350000 - 300), latency.Points[29].Timestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1681350000), latency.Points[30].Timestamp);
        Assert.Equal(0.0057170510282831, latency.Points[0].Value, 12);
        Assert.Equal(0.0415328246985824, latency.Points[33].Value, 12);
        Assert.True(latency.Points.Zip(latency.Points.Skip(1)).All(p => p.First.Timestamp < p.Second.Timestamp));
        // S3 has no column in the baseline file: its series is the issue window alone (empty cells dropped).
        Assert.All(incident.Metrics.Where(m => m.Service == "S3_AWS::S3"), m => Assert.True(m.Points.Count <= 5));
    }

    [Fact]
    public void Import_Issue_DottedNodesBecomeServicesAndTheGraphBecomesCallerToCallee()
    {
        var importer = new PetshopImporter();

        var incident = Assert.Single(importer.Import(Root, importer.FindCases(Root)[0])).Incident;

        const string balancer = "servi-searc-us-west-2-elb-amazonaws-com_remote";
        Assert.Equal(balancer, PetshopImporter.ServiceName("servi-searc.us-west-2.elb.amazonaws.com_remote"));
        Assert.Contains(incident.Metrics, m => m.Service == balancer && m.Metric == "latency_p99");
        Assert.Equal([RootCause, balancer], incident.Topology["PetSite"].Order(StringComparer.Ordinal));
        Assert.Equal(["S3_AWS::S3", "petInfo_AWS::DynamoDB::Table"], incident.Topology[RootCause].Order(StringComparer.Ordinal));
        Assert.Equal([RootCause], incident.Topology["PetSearch_client"]);
        Assert.False(incident.Topology.ContainsKey("S3_AWS::S3"));
    }

    [Fact]
    public async Task Evaluate_FixtureScenario_ScoresTheLabelledCase()
    {
        var report = await RcaEvaluator.RunAsync(new PetshopImporter(), Root, ScoringAnalyzer.Create(), null, CancellationToken.None);

        var result = Assert.Single(report.PerCase);
        Assert.Equal(1, report.Cases);
        Assert.Equal(RootCause, result.Label);
        Assert.Equal(["latency"], report.ByFault.Keys);
        Assert.Contains(RootCause, result.Ranked);
        Assert.Equal(result.Ranked.ToList().IndexOf(RootCause) + 1, result.Rank);
    }

    [Fact]
    public void Import_MalformedFiles_AreInputErrorsNamingTheFileAndRow()
    {
        var dir = Directory.CreateTempSubdirectory("alpha-petshop-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "metrics.csv"), "microservice,PetSite\nstatistic,Average\n");
            File.WriteAllText(Path.Combine(dir, "target.json"), """{"target": {"node": "PetSite", "metric": "latency", "agg": "Average", "timestamp": 1}}""");

            var error = Assert.Throws<InvalidInputException>(() => new PetshopImporter().Import(dir, dir));

            Assert.Equal(2, error.Line);
            Assert.Equal("metric", error.Field);
            Assert.EndsWith("metrics.csv", error.Source, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(dir, "metrics.csv"), "microservice,PetSite\nmetric,latency\nstatistic,Average\nunix_timestamp,\n1,0.1\n");
            File.WriteAllText(Path.Combine(dir, "target.json"), """{"target": {"node": "PetSite"}}""");
            var target = Assert.Throws<InvalidInputException>(() => new PetshopImporter().Import(dir, dir));
            Assert.Equal("$.target.metric", target.Field);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Import_IssueWithoutScenarioOrLabel_ImportsMetricsOnly()
    {
        var dir = Directory.CreateTempSubdirectory("alpha-petshop-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "metrics.csv"), "microservice,PetSite\nmetric,latency\nstatistic,Average\nunix_timestamp,\n100,0.1\n400,\n700,0.3\n");
            File.WriteAllText(Path.Combine(dir, "target.json"), """{"target": {"node": "PetSite", "metric": "latency", "agg": "Average", "timestamp": 650}}""");

            var imported = Assert.Single(new PetshopImporter().Import(dir, dir));

            Assert.Null(imported.Label);
            var incident = imported.Incident;
            Assert.Empty(incident.Topology);
            Assert.Equal([0.1, 0.3], incident.Metrics.Single().Points.Select(p => p.Value));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
