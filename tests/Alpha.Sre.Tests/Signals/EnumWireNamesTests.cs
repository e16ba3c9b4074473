using System.Text.Json;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Tests.Signals;

/// <summary>The names of the SRE enums come from their JSON attributes; these are the names they had in hand-written tables.</summary>
public sealed class EnumWireNamesTests
{
    [Fact]
    public void MetricKind_Names_AsInJsonAndUnchanged()
    {
        string[] expected = ["other", "cpu", "memory", "disk", "latency", "errors", "connections", "traffic", "network"];

        Assert.Equal(expected, JsonEnumNames.All<MetricKind>());
        Assert.Equal(expected.Select(n => $"\"{n}\""), Enum.GetValues<MetricKind>().Select(k => JsonSerializer.Serialize(k)));
    }

    [Fact]
    public void ConfigChangeKind_Names_AsInJsonAndUnchanged()
    {
        Assert.Equal(["changed", "added", "removed", "snapshot"], JsonEnumNames.All<ConfigChangeKind>());
        Assert.Equal("\"removed\"", JsonSerializer.Serialize(ConfigChangeKind.Removed));
    }
}
