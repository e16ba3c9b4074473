using System.Collections.Concurrent;
using System.Text.Json;
using Alpha.Platform.Ledger;
using Alpha.Runtime.Security;
using Microsoft.Extensions.Hosting;
using OllamaSharp.Models;

namespace Alpha.Server.Models;

/// <summary>
/// Pulls models into the configured Ollama in the background (OllamaSharp's streamed <c>/api/pull</c>), each a task
/// whose frames carry Ollama's progress: <c>model.pull.started</c>, <c>model.pull.progress</c> (when the status or the
/// layer changes, or the layer's whole percent moves), then <c>model.pull.completed</c> or <c>model.pull.failed</c>.
/// The last <see cref="Kept"/> pulls stay streamable after they end. A pull is not a ledger run.
/// </summary>
internal sealed class ModelPulls(ModelProviders providers, ServerOptions options, IHostApplicationLifetime lifetime)
{
    /// <summary>How many pulls stay streamable.</summary>
    public const int Kept = 100;

    private readonly ConcurrentDictionary<string, ModelPull> _pulls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>The pull with task id <paramref name="taskId"/>; null when there is none (or it was dropped).</summary>
    public ModelPull? Find(string taskId) => _pulls.TryGetValue(taskId, out var pull) ? pull : null;

    /// <summary>Starts pulling <paramref name="name"/>; null when no Ollama is configured.</summary>
    public ModelPull? Start(string name)
    {
        if (providers.OllamaClient() is not { } client)
        {
            return null;
        }

        var pull = new ModelPull(LedgerIds.New("pull", options.Time), name);
        _pulls[pull.TaskId] = pull;
        _order.Enqueue(pull.TaskId);
        while (_order.Count > Kept && _order.TryDequeue(out var oldest))
        {
            _pulls.TryRemove(oldest, out _);
        }

        _ = Task.Run(async () =>
        {
            using (client)
            {
                await RunAsync(pull, client, lifetime.ApplicationStopping).ConfigureAwait(false);
            }
        });
        return pull;
    }

    private async Task RunAsync(ModelPull pull, OllamaSharp.OllamaApiClient client, CancellationToken cancellationToken)
    {
        long sequence = 0;
        void Emit(string stage, string message, object extras) => pull.Frames.Add(new RunFrame(
            pull.TaskId,
            ++sequence,
            pull.TaskId,
            stage,
            SecretRedactor.Default.Redact(message),
            options.Time.GetUtcNow(),
            SecretRedactor.Default.Redact(JsonSerializer.Serialize(extras))));

        Emit("model.pull.started", $"pulling {pull.Name}", new { name = pull.Name });
        var succeeded = false;
        (string? Status, string? Digest, int Percent) last = (null, null, -1);
        try
        {
            await foreach (var progress in client.PullModelAsync(new PullModelRequest { Model = pull.Name }, cancellationToken).ConfigureAwait(false))
            {
                if (progress is null)
                {
                    continue;
                }

                double? percent = progress.Total > 0 ? Math.Round(progress.Completed * 100.0 / progress.Total, 1) : null;
                var whole = percent is { } p ? (int)p : -1;
                succeeded |= progress.Status == "success";
                if (progress.Status == last.Status && progress.Digest == last.Digest && whole == last.Percent)
                {
                    continue; // the same step a little further: not worth a frame
                }

                last = (progress.Status, progress.Digest, whole);
                Emit(
                    "model.pull.progress",
                    percent is { } shown ? $"{progress.Status} {shown:0.0}%" : progress.Status ?? string.Empty,
                    new { status = progress.Status, digest = progress.Digest, total = progress.Total, completed = progress.Completed, percent });
            }

            if (!succeeded)
            {
                throw new InvalidOperationException("Ollama ended the pull without reporting success");
            }

            Emit("model.pull.completed", $"pulled {pull.Name}", new { name = pull.Name });
            pull.Status = "completed";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var error = ex is OperationCanceledException ? "cancelled: the server is shutting down" : ex.Message;
            Emit("model.pull.failed", $"pull of {pull.Name} failed: {error}", new { name = pull.Name, error });
            pull.Status = "failed";
        }
        finally
        {
            pull.Frames.Complete();
        }
    }
}
