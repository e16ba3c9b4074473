namespace Alpha.Workflows.Scheduling;

/// <summary>
/// What a scheduler does with the fires it finds late (more than the schedule's grace after their time), e.g. after the
/// scheduler was down. Written in a spec as <c>skip</c>, <c>run_once</c> or <c>run_all</c>.
/// </summary>
public enum MissedFirePolicy
{
    /// <summary>Late fires are not run (the default: a restart never starts work that was not due within the grace).</summary>
    Skip,

    /// <summary>The late fires collapse into one run, at the latest late time (catch up once).</summary>
    RunOnce,

    /// <summary>Every late fire runs, oldest first (at most <see cref="WorkflowSchedulerOptions.MaxFiresPerPass"/> per pass).</summary>
    RunAll,
}
