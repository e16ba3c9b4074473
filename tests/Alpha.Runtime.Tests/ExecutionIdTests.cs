using System.Globalization;
using Alpha.Testing;

namespace Alpha.Runtime.Tests;

/// <summary>Execution ids are UUIDv7 stamped by the runtime's clock, so a faked clock shows in them.</summary>
public sealed class ExecutionIdTests
{
    [Fact]
    public void NewExecutionId_GivenClock_TheIdCarriesItsMillisecond()
    {
        var at = new DateTimeOffset(2031, 3, 4, 5, 6, 7, 89, TimeSpan.Zero);

        var id = AlphaRuntime.NewExecutionId(new ManualTimeProvider(at));

        Assert.StartsWith("exe_", id, StringComparison.Ordinal);
        Assert.Equal(at.ToUnixTimeMilliseconds(), long.Parse(id.AsSpan(4, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
