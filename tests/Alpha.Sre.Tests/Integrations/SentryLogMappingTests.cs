using Alpha.Sre.Incidents;
using Alpha.Sre.Integrations.Sentry;

namespace Alpha.Sre.Tests.Integrations;

public sealed class SentryLogMappingTests
{
    private static readonly DateTimeOffset Start = new(2026, 4, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 4, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Summary_WithoutCulpritAndOneEvent_ReadsNaturally()
    {
        var issue = Issue(culprit: "", count: 1);

        Assert.Equal("KeyError: 'currency' (1 event)", SentryLogMapping.Summary(issue));
    }

    [Fact]
    public void ToLogEntries_IssueFirstSeenAfterWindow_SummaryIsClampedToWindowEnd()
    {
        var issue = Issue(culprit: "checkout.views in confirm", count: 3) with { FirstSeen = End.AddHours(1), Level = "fatal" };

        var entry = Assert.Single(SentryLogMapping.ToLogEntries(issue, [], "checkout", "service", Start, End));

        Assert.Equal(End, entry.Timestamp);
        Assert.Equal("FATAL", entry.Level);
        Assert.Equal("checkout", entry.Service);
    }

    [Fact]
    public void ToLogEntries_EventWithoutTagsOrTitle_FallsBackToTheIssue()
    {
        var issue = Issue(culprit: "checkout.views in confirm", count: 3) with { Level = null };
        var e = new SentryEvent("e1", null, null, null, Start.AddMinutes(5), new Dictionary<string, string>());

        var entries = SentryLogMapping.ToLogEntries(issue, [e], "checkout", "service", Start, End).ToList();

        Assert.Equal(2, entries.Count);
        Assert.Equal(new LogEntry(Start.AddMinutes(5), "checkout", "ERROR", "KeyError: 'currency': checkout.views in confirm"), entries[1]);
    }

    private static SentryIssue Issue(string culprit, long count) =>
        new("7", "CHECKOUT-7", "KeyError: 'currency'", culprit, "error", count, Start.AddMinutes(10), Start.AddMinutes(20), null, null, "unresolved");
}
