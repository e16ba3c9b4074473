using Alpha.Runtime;
using Alpha.Sre.Agents;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals;

namespace Alpha.Sre.Tests.Agents;

/// <summary>The log agent's propagation rule: which of a callee's errors count as its own fault.</summary>
public sealed class LogPropagationTests
{
    /// <summary>
    /// <c>front</c> calls <c>back</c>, which calls <c>store</c>. Before the onset all three answer 10 requests without
    /// errors; after it, <c>back</c> writes 8 lines of a new error statement and <c>front</c> 6.
    /// </summary>
    private static string Incident(string backError)
    {
        var lines = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            foreach (var service in new[] { "front", "back", "store" })
            {
                lines.Add($"  - {{timestamp: \"2026-01-01T00:0{i}:00Z\", service: {service}, level: INFO, message: \"{service}.Handler#10 [get] ok {i}\"}}");
            }
        }

        for (var i = 0; i < 8; i++)
        {
            lines.Add($"  - {{timestamp: \"2026-01-01T00:1{i}:00Z\", service: back, level: ERROR, message: \"back.Handler#30 [get] {backError}\"}}");
            lines.Add($"  - {{timestamp: \"2026-01-01T00:1{i}:10Z\", service: store, level: INFO, message: \"store.Handler#10 [get] ok {i}\"}}");
        }

        for (var i = 0; i < 6; i++)
        {
            lines.Add($"  - {{timestamp: \"2026-01-01T00:1{i}:30Z\", service: front, level: ERROR, message: \"front.Handler#40 [get] request failed\"}}");
        }

        return "deployment_id: d\ndetected_at: \"2026-01-01T00:10:00Z\"\ntopology: {front: [back], back: [store]}\nlogs:\n" + string.Join('\n', lines);
    }

    private static async Task<string> FrontDescription(string yaml)
    {
        var runtime = new AlphaRuntime(extractor: new SreSignalExtractor());
        runtime.Register(new LogAgent());
        var result = await runtime.ExecuteAsync(IncidentDocument.Parse(yaml, "t.yaml"));
        return Assert.Single(result.RankedHypotheses, h => h.Service == "front").Description;
    }

    [Fact]
    public async Task LogAgent_CalleeLogsItsOwnErrors_CallerIsDiscountedAsPropagation()
    {
        var description = await FrontDescription(Incident("lookup failed: invalid state"));

        Assert.Contains("Its callee back logs a change at least as surprising", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogAgent_CalleeErrorsNameAnotherService_DoNotMakeTheCallerAVictim()
    {
        var description = await FrontDescription(Incident("lookup failed: no answer from store"));

        Assert.DoesNotContain("may be propagation", description, StringComparison.Ordinal);
    }
}
