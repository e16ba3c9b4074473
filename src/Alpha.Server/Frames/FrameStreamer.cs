using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alpha.Platform.Ledger;
using Alpha.Server.Models;

namespace Alpha.Server.Frames;

/// <summary>
/// One run's frames for a stream client, from the first (or after a given sequence) to the run's end: from the hub
/// while the run is live in this process (frames so far, then live ones, no gap and no duplicate), or, on a node of a
/// cluster, while a cluster run is followed here (<see cref="RelayedFrames"/> feeds the hub); from the ledger otherwise
/// (polled while a run of another process is still open).
/// </summary>
internal sealed class FrameStreamer(FrameHub hub, ILedgerStore ledger, ServerOptions options, ModelPulls pulls)
{
    private readonly RelayedFrames? _relayed = options.Cluster is null ? null : new RelayedFrames(hub, ledger, options.Cluster, options.LedgerPollInterval, options.Time);

    /// <summary>The run a task id belongs to; null when no run has it.</summary>
    public async Task<WorkflowRun?> FindRunAsync(string taskId, CancellationToken cancellationToken) =>
        (await ledger.SearchRunsAsync(new RunQuery(TaskId: taskId, Limit: 1), cancellationToken).ConfigureAwait(false)) is [var run, ..] ? run : null;

    /// <summary>True when the task's frames can be streamed (live here, or a run in the ledger).</summary>
    public async Task<bool> ExistsAsync(string taskId, CancellationToken cancellationToken) =>
        pulls.Find(taskId) is not null || hub.TaskIds.Contains(taskId) || await FindRunAsync(taskId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>A live subscription's frames until it ends; the subscription is left however the reader stops.</summary>
    private static async IAsyncEnumerable<RunFrame> DrainAsync(System.Threading.Channels.ChannelReader<RunFrame> live, Action leave, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in live.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }
        }
        finally
        {
            leave();
        }
    }

    public async IAsyncEnumerable<RunFrame> ReadAsync(string taskId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        System.Threading.Channels.ChannelReader<RunFrame>? live = null;
        Action? leave = null;

        // A model pull is a task of this process, not a ledger run: its frames stay in memory after it ends.
        if (pulls.Find(taskId) is { } pull)
        {
            live = pull.Frames.Subscribe(afterSequence, out var stop);
            leave = stop;
        }

        if (live is not null || hub.TrySubscribe(taskId, afterSequence, out live, out leave))
        {
            await foreach (var frame in DrainAsync(live!, leave!, cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }

            yield break;
        }

        if (await FindRunAsync(taskId, cancellationToken).ConfigureAwait(false) is not { } run)
        {
            yield break;
        }

        // On a node of a cluster, a cluster run (driven here or on another node): its frames enter the hub, one feed
        // for every follower here, and are read from it as a run of this process is.
        if (_relayed?.Follow(run) is { } following)
        {
            using (following)
            {
                if (hub.TrySubscribe(taskId, afterSequence, out live, out leave))
                {
                    await foreach (var frame in DrainAsync(live!, leave!, cancellationToken).ConfigureAwait(false))
                    {
                        yield return frame;
                    }

                    yield break;
                }
            }
        }

        // Another process's run (or a cluster run that has just ended): from the ledger.
        await foreach (var frame in OtherProcessFrames.ReadAsync(ledger, options.Cluster, run, afterSequence, options.LedgerPollInterval, options.Time, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    /// <summary>How a model pull of this process ended (<c>running</c>, <c>completed</c>, <c>failed</c>); null when the task is not a pull.</summary>
    public string? PullStatus(string taskId) => pulls.Find(taskId)?.Status;

    /// <summary>
    /// A frame as the streams and the API write it: the canonical frame plus its run and sequence. Written once per
    /// frame instance: the hub hands the same instance to every subscriber of a run, so 100 subscribers share one
    /// serialisation instead of making 100.
    /// </summary>
    public static string ToJson(RunFrame frame) => Serialised.GetValue(frame, Serialise);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RunFrame, string> Serialised = [];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RunFrame, byte[]> SseEvents = [];

    /// <summary>The frame as one Server-Sent Event (<c>id</c>, <c>event: frame</c>, <c>data</c>), UTF-8, encoded once per frame instance.</summary>
    public static ReadOnlyMemory<byte> ToSseEvent(RunFrame frame) =>
        SseEvents.GetValue(frame, f => System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"id: {f.Sequence}\nevent: frame\ndata: {ToJson(f)}\n\n")));

    private static string Serialise(RunFrame frame)
    {
        JsonNode? extras;
        try
        {
            extras = JsonNode.Parse(frame.Extras);
        }
        catch (JsonException)
        {
            extras = frame.Extras;
        }

        return new JsonObject
        {
            ["run_id"] = frame.RunId,
            ["task_id"] = frame.TaskId,
            ["sequence"] = frame.Sequence,
            ["stage"] = frame.Stage,
            ["message"] = frame.Message,
            ["timestamp"] = frame.EmittedAt,
            ["extras"] = extras,
        }.ToJsonString();
    }
}
