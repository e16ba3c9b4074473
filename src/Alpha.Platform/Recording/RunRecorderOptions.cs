using Alpha.Platform.Ledger;
using Alpha.Platform.Pricing;

namespace Alpha.Platform.Recording;

/// <summary>Options of a <see cref="RunRecorder"/>.</summary>
public sealed record RunRecorderOptions
{
    /// <summary>Prices model calls (default <see cref="PriceTable.Default"/>).</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>The locked agent spec version of each agent, by agent name, recorded on its agent runs.</summary>
    public IReadOnlyDictionary<string, string> AgentSpecVersions { get; init; } = new Dictionary<string, string>();

    /// <summary>Frames buffered before they are written without waiting for an agent to finish (default 256).</summary>
    public int FlushAfterFrames { get; init; } = 256;

    /// <summary>
    /// How often the recording process renews the run's heartbeat (default 10 s), so that <see cref="RunRecovery"/>
    /// on another host can tell a live run from one whose process died.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = DefaultHeartbeatInterval;

    /// <summary>The default <see cref="HeartbeatInterval"/>.</summary>
    public static TimeSpan DefaultHeartbeatInterval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Receives every frame as the recorder makes it, before it is written (a live view: <c>alpha serve</c>'s streams).
    /// Called on the recorder's own task, in sequence order; it must not block.
    /// </summary>
    public Action<RunFrame>? OnFrame { get; init; }

    /// <summary>The clock (for agent runs closed by the recorder itself, and the heartbeat).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
