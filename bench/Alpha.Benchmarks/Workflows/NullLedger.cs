using System.Collections.Concurrent;
using System.Reflection;
using Alpha.Platform.Ledger;
using Alpha.Platform.Specs;

namespace Alpha.Benchmarks.Workflows;

/// <summary>
/// A ledger that keeps nothing: what the workflow runtime writes (snapshots, the run, batches) is answered in memory
/// at no I/O cost, so the engine's own overhead can be measured apart from the database's. A <see cref="DispatchProxy"/>,
/// so members added to <see cref="ILedgerStore"/> later need no change here (they throw if the runtime ever calls them).
/// </summary>
#pragma warning disable CA1852 // DispatchProxy.Create needs a non-sealed proxy type.
public class NullLedger : DispatchProxy
#pragma warning restore CA1852
{
    private readonly ConcurrentDictionary<string, WorkflowRun> _runs = new(StringComparer.Ordinal);

    /// <summary>A new null ledger.</summary>
    public static ILedgerStore Create() => DispatchProxy.Create<ILedgerStore, NullLedger>();

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        var now = DateTimeOffset.UtcNow;
        switch (targetMethod.Name)
        {
            case "get_Provider":
                return "null";
            case "get_Location":
                return "memory";
            case "get_SignalsKillRequests":
                return false;
            case nameof(ILedgerStore.SnapshotAsync):
                var spec = (Spec)args[0]!;
                var kind = spec switch { WorkflowSpec => SpecKind.Workflow, AgentSpec => SpecKind.Agent, _ => SpecKind.Analysis };
                return Task.FromResult(new SpecSnapshot(kind, spec.Name, "spec_" + spec.Name, "v_" + spec.Name, 1, new string('0', 64), false, now));
            case nameof(ILedgerStore.CreateRunAsync):
                var request = (NewRun)args[0]!;
                var run = new WorkflowRun(LedgerIds.New("run"), request.SpecKind, request.SpecVersionId, request.Status, request.ParentRunId, "exp_bench", null, request.TaskId, null, now, null, 0, 0, null, now, now);
                _runs[run.RunId] = run;
                return Task.FromResult(run);
            case nameof(ILedgerStore.AppendAsync):
                var batch = (LedgerBatch)args[1]!;
                var updated = _runs.AddOrUpdate((string)args[0]!, _ => throw new InvalidOperationException("no such run"), (_, r) => batch.Status is { } s ? r with { Status = s, Error = batch.Error } : r);
                if (batch.Status is { } final && LedgerNames.IsFinal(final))
                {
                    _runs.TryRemove(updated.RunId, out _);
                }

                return Task.FromResult(updated);
            case nameof(ILedgerStore.ListKillRequestsAsync):
                return Task.FromResult<IReadOnlyList<KillRequest>>([]);
            case nameof(ILedgerStore.HeartbeatAsync):
                return Task.FromResult(true);
            case nameof(ILedgerStore.DisposeAsync):
                return ValueTask.CompletedTask;
            default:
                throw new NotSupportedException($"the null ledger does not implement {targetMethod.Name}");
        }
    }
}
