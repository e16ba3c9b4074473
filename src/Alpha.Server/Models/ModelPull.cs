using Alpha.Server.Frames;

namespace Alpha.Server.Models;

/// <summary>One pull of a model into the configured Ollama: its task id, its frames and how it ended.</summary>
internal sealed class ModelPull(string taskId, string name)
{
    private volatile string _status = "running";

    public string TaskId => taskId;

    public string Name => name;

    /// <summary><c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public string Status
    {
        get => _status;
        set => _status = value;
    }

    public FrameBuffer Frames { get; } = new(taskId);
}
