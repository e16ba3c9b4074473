using System.Collections.Concurrent;
using System.Threading.Channels;
using Alpha.Platform.Ledger;
using Alpha.Testing;
using Alpha.Workflows.Scheduling;

namespace Alpha.Workflows.Tests.Scheduling;

/// <summary>A scheduler over one ledger store and a runtime on the same store, on a manual clock; its events in a channel.</summary>
internal sealed class SchedulerHarness
{
    private readonly Channel<ScheduleEvent> _events = Channel.CreateUnbounded<ScheduleEvent>();
    private readonly List<ScheduleEvent> _read = [];

    public SchedulerHarness(ILedgerStore ledger, ManualTimeProvider clock, IReadOnlyList<WorkflowSchedule> schedules, Func<WorkflowSchedule, CancellationToken, Task<ScheduleTarget>>? resolve = null)
    {
        Ledger = ledger;
        Scheduler = new WorkflowScheduler(new WorkflowSchedulerOptions
        {
            Runtime = new WorkflowRuntime(new WorkflowRuntimeOptions { Ledger = ledger, Time = clock }),
            Ledger = ledger,
            Schedules = schedules,
            Resolve = resolve ?? ((_, _) => Task.FromResult(Schedules.Target())),
            Time = clock,
            OnEvent = e =>
            {
                Events.Enqueue(e);
                _events.Writer.TryWrite(e);
            },
        });
    }

    public ILedgerStore Ledger { get; }

    public WorkflowScheduler Scheduler { get; }

    public ConcurrentQueue<ScheduleEvent> Events { get; } = new();

    /// <summary>The <paramref name="occurrence"/>-th event with <paramref name="stage"/>, waiting for it (a guard timeout only fails a hung test).</summary>
    public async Task<ScheduleEvent> NextAsync(string stage, int occurrence = 1)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (_read.Where(e => e.Stage == stage).Skip(occurrence - 1).FirstOrDefault() is { } found)
            {
                return found;
            }

            _read.Add(await _events.Reader.ReadAsync(guard.Token));
        }
    }
}
