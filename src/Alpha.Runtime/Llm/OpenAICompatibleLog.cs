using Microsoft.Extensions.Logging;

namespace Alpha.Runtime.Llm;

/// <summary>Source-generated log messages of <see cref="OpenAICompatibleChatClient"/>. Prompts and replies are never logged here.</summary>
internal static partial class OpenAICompatibleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Model call to {Model} at {Endpoint} failed ({Reason}); retry {Retry} of {MaxRetries} in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, string model, Uri endpoint, string reason, int retry, int maxRetries, double delayMs);
}
