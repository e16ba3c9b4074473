using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Runtime.Security;
using Alpha.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Alpha.Sre.Tests.Incidents;

/// <summary>
/// Any document given to the incident reader ends in an incident or a user-facing <see cref="InvalidInputException"/>
/// (exit 2 in the CLI), never another exception, a stack overflow or unbounded memory.
/// </summary>
public sealed class IncidentReaderFuzzTests
{
    // Linear in the text and in what aliases may add: generous for a reader (the text, its JSON form, the tree and the incident), small next to what a bomb needs.
    private const long AllocationBudgetPerChar = 400;
    private const long AllocationBudgetBase = 64L * 1024 * 1024;

    [Property(MaxTest = 100)]
    public Property Parse_AnyDocument_IncidentOrInvalidInput() =>
        Prop.ForAll(HostileInput.Documents("deployment_id: d\n", "\"deployment_id\": \"d\""), text =>
        {
            foreach (var source in new[] { "stdin", "fuzz.yaml", "fuzz.json" })
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    IncidentDocument.Parse(text, source);
                }
                catch (InvalidInputException)
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
