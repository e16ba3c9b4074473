using Alpha.Runtime.Schemas;
using Alpha.Sre.Evaluation.Importers;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Traces;

namespace Alpha.Sre.Evaluation.Tests.Importers;

public sealed class NezhaTraceSignalTests
{
    [Fact]
    public void Extract_NezhaFixture_PutsTheDelayedServiceFirst()
    {
        // ts-contacts-service had a network delay injected at 11:51:46 (Fixtures/README.md).
        var root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "nezha");
        var importer = new NezhaImporter();
        var imported = importer.Import(root, Assert.Single(importer.FindCases(root)))[0];
        var incident = imported.Incident;
        var builder = new SignalBuilder();

        TraceSignalExtractor.Extract(new SreIncident { DeploymentId = "d", Traces = incident.Traces }, incident.DetectedAt, builder);
        List<Signal> signals = [.. builder.Signals];

        Assert.Equal("ts-contacts-service", signals[0].Service);
        Assert.Equal("call_gap", ((TraceFinding)signals[0].Payload!).Metric);
        Assert.True(signals[0].Value > 100);
    }
}
