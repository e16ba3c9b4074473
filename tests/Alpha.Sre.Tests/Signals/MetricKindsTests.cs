using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Tests.Signals;

public sealed class MetricKindsTests
{
    [Theory]
    [InlineData("network_receive_bytes", MetricKind.Traffic)]
    [InlineData("net_tx_packets", MetricKind.Traffic)]
    [InlineData("network_receive_drop", MetricKind.Network)]
    [InlineData("tcp_retransmits", MetricKind.Network)]
    [InlineData("availability_Average", MetricKind.Errors)]
    [InlineData("memory_usage_bytes", MetricKind.Memory)]
    [InlineData("cpu_usage_rate_pct", MetricKind.Cpu)]
    public void Classify_Name_GivesKind(string metric, MetricKind expected)
    {
        Assert.Equal(expected, MetricKinds.Classify(metric));
    }

    [Theory]
    [InlineData("availability_Average", true)]
    [InlineData("success_rate", true)]
    [InlineData("error_rate", false)]
    public void IsSuccessLike_Name_SaysWhetherADropIsBad(string metric, bool expected)
    {
        Assert.Equal(expected, MetricKinds.IsSuccessLike(metric));
    }
}
