using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Platform.Tests.Ledger;

public sealed class LedgerIdsTests
{
    [Fact]
    public void New_ManyInOneMillisecond_StrictlyIncreasingAndUnique()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => LedgerIds.New("run")).ToArray();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^run_[0-9a-f]{12}7[0-9a-f]{19}$", id));
    }

    [Fact]
    public void New_FakeClock_IsAVersion7GuidStampedWithThatTime()
    {
        // Ahead of the system clock (by more than any burst of earlier ids in this process can have borrowed), so
        // the stamp is the fake clock's own millisecond.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().AddMinutes(5).ToUnixTimeMilliseconds());
        var clock = new Alpha.Testing.ManualTimeProvider(at);

        var id = LedgerIds.New("run", clock);

        var guid = Guid.ParseExact(id["run_".Length..], "N");
        Assert.Equal(7, guid.Version);
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(id.Substring("run_".Length, 12), 16));
    }

    [Fact]
    public void SpecId_DependsOnKindAndNameOnly()
    {
        Assert.Equal(LedgerIds.SpecId(SpecKind.Agent, "a"), LedgerIds.SpecId(SpecKind.Agent, "a"));
        Assert.NotEqual(LedgerIds.SpecId(SpecKind.Agent, "a"), LedgerIds.SpecId(SpecKind.Workflow, "a"));
        Assert.Matches("^spec_[0-9a-f]{24}$", LedgerIds.SpecId(SpecKind.Analysis, "incident_analysis"));
    }
}
