using Alpha.Platform.Specs;
using Alpha.Runtime.Security;
using Alpha.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Alpha.Platform.Tests.Specs;

/// <summary>
/// Any document given to the spec readers (YAML and JSON) ends in a spec or a <see cref="SpecValidationException"/>
/// (exit 2 in the CLI), never another exception, a stack overflow or unbounded memory.
/// </summary>
public sealed class SpecReaderFuzzTests
{
    private const long AllocationBudgetPerChar = 400;
    private const long AllocationBudgetBase = 64L * 1024 * 1024;

    [Property(MaxTest = 100)]
    public Property Parse_AnyDocument_SpecOrValidationError() =>
        Prop.ForAll(HostileInput.Documents("kind: agent\nname: a\nagent_kind: log\n", "\"kind\": \"agent\", \"name\": \"a\", \"agent_kind\": \"log\""), text =>
        {
            foreach (var source in new[] { "fuzz", "fuzz.yaml", "fuzz.json" })
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    SpecLoader.Parse(text, source);
                }
                catch (SpecValidationException)
                {
                    // the user-facing outcome
                }

                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > AllocationBudgetBase + (AllocationBudgetPerChar * (text.Length + InputLimits.Default.MaxAliasExpansion)))
                {
                    return false;
                }
            }

            return true;
        });
}
