using Alpha.Sre.Incidents;
using Alpha.Sre.Integrations;

namespace Alpha.Sre.Tests.Integrations;

public sealed class FetchedIncidentTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToJson_SentryMessageWithACredential_WritesTheMarkerNotTheSecret()
    {
        var fetched = Fetched(new LogEntry(Start, "checkout", "error", "connect failed: postgres://app:hunter2secret@db:5432/orders"));

        var json = fetched.ToJson();

        Assert.DoesNotContain("hunter2secret", json, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", json, StringComparison.Ordinal);
        Assert.Contains("postgres://app:", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NoSecret_WritesTheMessagesAsFetched()
    {
        var fetched = Fetched(new LogEntry(Start, "checkout", "error", "connection pool exhausted after 30 s"));
        var path = Path.Combine(Path.GetTempPath(), $"alpha-fetched-{Guid.NewGuid():N}.json");
        try
        {
            await fetched.WriteAsync(path);

            var text = await File.ReadAllTextAsync(path);
            Assert.Contains("connection pool exhausted after 30 s", text, StringComparison.Ordinal);
            Assert.DoesNotContain("[REDACTED", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static FetchedIncident Fetched(LogEntry log) => new()
    {
        DeploymentId = "sentry-checkout",
        WindowStart = Start,
        WindowEnd = Start.AddHours(1),
        Logs = [log],
    };
}
