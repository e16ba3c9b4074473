using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAIChat = OpenAI.Chat;

namespace Alpha.Runtime.Llm;

/// <summary>Translations between Microsoft.Extensions.AI chat types and the OpenAI SDK's.</summary>
internal static class OpenAIChatMapping
{
    private const int MaxServerMessageLength = 500;

    /// <summary>The request messages: <paramref name="instructions"/> first (as a system message), then each text message.</summary>
    /// <exception cref="ArgumentException">No messages.</exception>
    /// <exception cref="NotSupportedException">A role other than system, user or assistant.</exception>
    public static List<OpenAIChat.ChatMessage> ToOpenAIMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var result = new List<OpenAIChat.ChatMessage>();
        if (!string.IsNullOrWhiteSpace(instructions))
        {
            result.Add(new OpenAIChat.SystemChatMessage(instructions));
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            var text = message.Text;
            if (message.Role == ChatRole.System)
            {
                result.Add(new OpenAIChat.SystemChatMessage(text));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new OpenAIChat.UserChatMessage(text));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(new OpenAIChat.AssistantChatMessage(text));
            }
            else
            {
                throw new NotSupportedException(
                    $"Chat role '{message.Role}' is not supported by {nameof(OpenAICompatibleChatClient)}: it sends system, user and assistant text messages only (no tool calling).");
            }
        }

        if (result.Count == 0)
        {
            throw new ArgumentException("A chat request needs at least one message.", nameof(messages));
        }

        return result;
    }

    /// <summary>The SDK's request options for <paramref name="options"/> (the model is chosen by the SDK client, not here).</summary>
    /// <exception cref="NotSupportedException">Tools were supplied.</exception>
    public static OpenAIChat.ChatCompletionOptions ToCompletionOptions(ChatOptions? options, IChatClient client)
    {
        var result = options?.RawRepresentationFactory?.Invoke(client) as OpenAIChat.ChatCompletionOptions ?? new OpenAIChat.ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        if (options.Tools is { Count: > 0 })
        {
            throw new NotSupportedException($"{nameof(OpenAICompatibleChatClient)} does not support tool calling; remove ChatOptions.Tools.");
        }

        result.Temperature ??= options.Temperature;
        result.MaxOutputTokenCount ??= options.MaxOutputTokens;
        result.TopP ??= options.TopP;
        result.FrequencyPenalty ??= options.FrequencyPenalty;
        result.PresencePenalty ??= options.PresencePenalty;
        if (options.StopSequences is { } stops)
        {
            foreach (var stop in stops)
            {
                result.StopSequences.Add(stop);
            }
        }

        result.ResponseFormat ??= options.ResponseFormat switch
        {
            // JSON mode (json_object) is the form every OpenAI-compatible server we target understands; a schema,
            // when given, is for the caller to validate against.
            ChatResponseFormatJson => OpenAIChat.ChatResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => OpenAIChat.ChatResponseFormat.CreateTextFormat(),
            _ => null,
        };
        return result;
    }

    /// <summary>The response for a completed (non-streaming) call.</summary>
    public static ChatResponse ToResponse(OpenAIChat.ChatCompletion completion)
    {
        var text = string.Concat(completion.Content.Where(p => p.Kind == OpenAIChat.ChatMessageContentPartKind.Text).Select(p => p.Text));
        var message = new ChatMessage(ChatRole.Assistant, text)
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
            RawRepresentation = completion,
        };
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    /// <summary>The update for one streamed chunk; null when it carries nothing a caller can use.</summary>
    public static ChatResponseUpdate? ToUpdate(OpenAIChat.StreamingChatCompletionUpdate update)
    {
        var contents = new List<AIContent>();
        foreach (var part in update.ContentUpdate)
        {
            if (part.Kind == OpenAIChat.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text));
            }
        }

        if (ToUsage(update.Usage) is { } usage)
        {
            contents.Add(new UsageContent(usage));
        }

        ChatFinishReason? finish = update.FinishReason is { } reason ? ToFinishReason(reason) : null;
        if (contents.Count == 0 && finish is null)
        {
            return null;
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = update.CompletionId,
            MessageId = update.CompletionId,
            ModelId = update.Model,
            CreatedAt = update.CreatedAt,
            FinishReason = finish,
            RawRepresentation = update,
        };
    }

    /// <summary>The usage block as <see cref="UsageDetails"/>; null when the server sent none.</summary>
    public static UsageDetails? ToUsage(OpenAIChat.ChatTokenUsage? usage) =>
        usage is null
            ? null
            : new UsageDetails
            {
                InputTokenCount = usage.InputTokenCount,
                OutputTokenCount = usage.OutputTokenCount,
                TotalTokenCount = usage.TotalTokenCount,
            };

    /// <summary>The finish reason in Microsoft.Extensions.AI terms.</summary>
    public static ChatFinishReason ToFinishReason(OpenAIChat.ChatFinishReason reason) => reason switch
    {
        OpenAIChat.ChatFinishReason.Length => ChatFinishReason.Length,
        OpenAIChat.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        OpenAIChat.ChatFinishReason.ToolCalls or OpenAIChat.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        _ => ChatFinishReason.Stop,
    };

    /// <summary>
    /// The server's explanation of a failed request: <c>error.message</c> from an OpenAI-style error body,
    /// else the body itself (truncated); null when there is no readable body.
    /// </summary>
    public static string? ReadServerMessage(ClientResultException exception)
    {
        string? body;
        try
        {
            body = exception.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // The body of a streamed response that was never buffered cannot be read.
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return Truncate(error.GetString());
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return Truncate(message.GetString());
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, say): show the body as it is.
        }

        return Truncate(body.Trim());
    }

    private static string? Truncate(string? text) =>
        text is null || text.Length <= MaxServerMessageLength ? text : string.Concat(text.AsSpan(0, MaxServerMessageLength), "…");
}
