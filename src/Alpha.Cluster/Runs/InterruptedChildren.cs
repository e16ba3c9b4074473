using Alpha.Platform.Ledger;

namespace Alpha.Cluster.Runs;

/// <summary>
/// The child runs (nested workflows, at any depth) of a run interrupted with its node: still open in the ledger, they
/// are closed <c>failed</c> with the interruption as the run itself is, so no ledger run stays open and the lost node's
/// late writes to them are refused too. The continuation runs its children again from the dispatch's child specs.
/// </summary>
internal static class InterruptedChildren
{
    // A child shares its parent's experiment: the experiment's runs are the candidates.
    private const int MaxRuns = 1000;

    /// <summary>Closes every open descendant of <paramref name="run"/>; returns how many.</summary>
    public static async Task<int> CloseAsync(ILedgerStore ledger, WorkflowRun run, string reason, string extras, TimeProvider time)
    {
        var runs = await ledger.SearchRunsAsync(new RunQuery(ExperimentId: run.ExperimentId, Limit: MaxRuns)).ConfigureAwait(false);
        var parents = new HashSet<string>([run.RunId], StringComparer.Ordinal);
        var descendants = new List<WorkflowRun>();
        for (var added = true; added;)
        {
            added = false;
            foreach (var candidate in runs.Where(r => r.ParentRunId is { } p && parents.Contains(p) && !parents.Contains(r.RunId)))
            {
                parents.Add(candidate.RunId);
                descendants.Add(candidate);
                added = true;
            }
        }

        var closed = 0;
        foreach (var child in descendants.Where(r => !LedgerNames.IsFinal(r.Status)))
        {
            var detail = await ledger.GetRunAsync(child.RunId).ConfigureAwait(false);
            if (detail is null || LedgerNames.IsFinal(detail.Run.Status))
            {
                continue;
            }

            var frame = new RunFrame(child.RunId, detail.Frames.Count == 0 ? 1 : detail.Frames[^1].Sequence + 1, child.TaskId ?? string.Empty, "workflow.failed", reason, time.GetUtcNow(), extras);
            try
            {
                await ledger.AppendAsync(child.RunId, new LedgerBatch([], [], [frame], RunStatus.Failed, reason)).ConfigureAwait(false);
                closed++;
            }
            catch (RunClosedException)
            {
                // It ended meanwhile: that end stands.
            }
        }

        return closed;
    }
}
