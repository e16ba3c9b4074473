using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Llm;

/// <summary>
/// Asking a model for a JSON object and reading it back. Models wrap JSON in <c>```json</c> fences or add a
/// sentence before or after it; these helpers take the first complete, valid JSON object in the reply.
/// </summary>
public static class ChatJson
{
    // Each candidate '{' costs a scan of the rest of the text; a reply with more candidates than this is not JSON.
    private const int MaxCandidates = 256;

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Calls <paramref name="client"/> and parses its reply as a JSON object. Asks for JSON mode unless
    /// <paramref name="options"/> already sets a response format (pass <see cref="ChatResponseFormat.Text"/> for
    /// servers that reject JSON mode). The caller's options are not modified.
    /// </summary>
    /// <exception cref="ModelOutputException">The reply holds no valid JSON object; it carries the reply (truncated).</exception>
    public static async Task<ChatJsonResult> GetJsonAsync(
        IChatClient client,
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(messages);
        var effective = options?.Clone() ?? new ChatOptions();
        effective.ResponseFormat ??= ChatResponseFormat.Json;

        var response = await client.GetResponseAsync(messages, effective, cancellationToken).ConfigureAwait(false);
        var text = response.Text;
        if (Extract(text, out var value, out var parseError))
        {
            return new ChatJsonResult(value, text, response.Usage);
        }

        throw parseError is null
            ? new ModelOutputException("contained no JSON object", text)
            : new ModelOutputException($"contained malformed JSON ({parseError.Message})", text, parseError);
    }

    /// <summary>
    /// Finds the first balanced <c>{...}</c> in <paramref name="text"/> that parses as JSON (braces inside JSON
    /// strings are respected; trailing commas and comments are tolerated) and returns it as a detached element.
    /// </summary>
    /// <returns>True when an object was found.</returns>
    public static bool TryExtractJsonObject(string? text, out JsonElement value) => Extract(text, out value, out _);

    private static bool Extract(string? text, out JsonElement value, out JsonException? firstError)
    {
        value = default;
        firstError = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var candidates = 0;
        for (var start = text.IndexOf('{', StringComparison.Ordinal); start >= 0 && candidates < MaxCandidates; start = text.IndexOf('{', start + 1))
        {
            candidates++;
            var end = FindClosingBrace(text, start);
            if (end < 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text.AsMemory(start, end - start + 1), ParseOptions);
                value = document.RootElement.Clone();
                return true;
            }
            catch (JsonException ex)
            {
                firstError ??= ex;
            }
        }

        return false;
    }

    /// <summary>The index of the brace closing the one at <paramref name="start"/>, or -1.</summary>
    private static int FindClosingBrace(string text, int start)
    {
        var depth = 0;
        var inString = false;
        var escaped = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }
}
