using Alpha.Platform.Ledger;
using Alpha.Runtime.Security;

namespace Alpha.Cluster.Frames;

/// <summary>A run frame on its way between nodes: redacted before it leaves the node that emitted it, as the ledger and the frame hub redact.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Sequence">Its sequence in the run.</param>
/// <param name="TaskId">The run's task id (what streams are keyed by).</param>
/// <param name="Stage">The stage.</param>
/// <param name="Message">The message.</param>
/// <param name="EmittedAt">When it was emitted.</param>
/// <param name="Extras">The extras (JSON).</param>
[GenerateSerializer, Immutable]
public sealed record ClusterFrame(
    [property: Id(0)] string RunId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string TaskId,
    [property: Id(3)] string Stage,
    [property: Id(4)] string Message,
    [property: Id(5)] DateTimeOffset EmittedAt,
    [property: Id(6)] string Extras)
{
    /// <summary>The frame, redacted.</summary>
    public static ClusterFrame From(RunFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new(frame.RunId, frame.Sequence, frame.TaskId, frame.Stage, SecretRedactor.Default.Redact(frame.Message), frame.EmittedAt, SecretRedactor.Default.Redact(frame.Extras));
    }

    /// <summary>Back to a ledger frame.</summary>
    public RunFrame ToRunFrame() => new(RunId, Sequence, TaskId, Stage, Message, EmittedAt, Extras);

    /// <summary>Whether this is a run's last frame (<c>workflow.completed|failed|cancelled|capped</c>).</summary>
    public bool IsEnd => Stage is "workflow.completed" or "workflow.failed" or "workflow.cancelled" or "workflow.capped";
}
