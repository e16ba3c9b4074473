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
        Assert.All(ids, id => Assert.Matches("^run_[0-9a-f]{31}$", id));
    }

    [Fact]
    public void SpecId_DependsOnKindAndNameOnly()
    {
        Assert.Equal(LedgerIds.SpecId(SpecKind.Agent, "a"), LedgerIds.SpecId(SpecKind.Agent, "a"));
        Assert.NotEqual(LedgerIds.SpecId(SpecKind.Agent, "a"), LedgerIds.SpecId(SpecKind.Workflow, "a"));
        Assert.Matches("^spec_[0-9a-f]{24}$", LedgerIds.SpecId(SpecKind.Analysis, "incident_analysis"));
    }
}
