using System.Globalization;
using Alpha.Runtime.Events;

namespace Alpha.Cli.Rendering;

/// <summary>Line-per-event progress for pipes, logs and --no-live: one frame per line.</summary>
internal static class PlainProgress
{
    public static async Task RunAsync(TextWriter writer, EventSubscription events, CancellationToken cancellationToken)
    {
        await foreach (var e in events.ReadUntilAsync(Alpha.Runtime.AlphaRuntime.IsTerminal, cancellationToken))
        {
            if (e is SignalDetected)
            {
                continue; // signals are listed with the result; one line each here would drown the progress
            }

            var frame = e.ToFrame();
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{frame.Timestamp:HH:mm:ss.fff} {frame.Stage,-28} {frame.Message}"));
        }
    }
}
