using System.Text.Json;
using Alpha.Runtime.Llm;
using Alpha.Testing.Loopback;
using Microsoft.Extensions.AI;

namespace Alpha.Runtime.Tests.Llm;

public sealed class ChatJsonTests : IAsyncLifetime
{
    private LoopbackOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetJsonAsync_JsonReply_ReturnsParsedObjectTextAndUsage()
    {
        _server.Enqueue(LoopbackReply.Json(new { label = "connection pool exhausted", confidence = 0.9 }, promptTokens: 40, completionTokens: 12));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var result = await ChatJson.GetJsonAsync(client, [new ChatMessage(ChatRole.User, "Diagnose.")]);

        Assert.Equal("connection pool exhausted", result.Value.GetProperty("label").GetString());
        Assert.Equal(0.9, result.Value.GetProperty("confidence").GetDouble(), 6);
        Assert.Contains("connection pool exhausted", result.Text, StringComparison.Ordinal);
        Assert.Equal(40, result.Usage?.InputTokenCount);
        Assert.Equal(12, result.Usage?.OutputTokenCount);
        var body = Assert.Single(_server.Requests).Body;
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task GetJsonAsync_FencedJsonWithProse_ReturnsObject()
    {
        _server.Enqueue(LoopbackReply.Text("Sure! Here is the analysis:\n```json\n{\"label\": \"bad deploy\", \"signals\": [\"sig_001\"]}\n```\nLet me know {if} you need more."));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var result = await ChatJson.GetJsonAsync(client, [new ChatMessage(ChatRole.User, "Diagnose.")]);

        Assert.Equal("bad deploy", result.Value.GetProperty("label").GetString());
        Assert.Equal("sig_001", result.Value.GetProperty("signals")[0].GetString());
    }

    [Fact]
    public async Task GetJsonAsync_TextFormatRequested_KeepsCallerFormatAndDoesNotMutateOptions()
    {
        _server.Enqueue(LoopbackReply.Text("{\"ok\": true}"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.Text };

        var result = await ChatJson.GetJsonAsync(client, [new ChatMessage(ChatRole.User, "x")], options);

        Assert.True(result.Value.GetProperty("ok").GetBoolean());
        Assert.Equal("text", Assert.Single(_server.Requests).Body.GetProperty("response_format").GetProperty("type").GetString());
        Assert.Same(ChatResponseFormat.Text, options.ResponseFormat);
    }

    [Fact]
    public async Task GetJsonAsync_NoJsonInReply_ThrowsModelOutputExceptionWithRawText()
    {
        _server.Enqueue(LoopbackReply.Text("I could not determine the root cause."));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var ex = await Assert.ThrowsAsync<ModelOutputException>(() => ChatJson.GetJsonAsync(client, [new ChatMessage(ChatRole.User, "x")]));

        Assert.Equal("I could not determine the root cause.", ex.RawText);
        Assert.Contains("no JSON object", ex.Message, StringComparison.Ordinal);
        Assert.Contains("I could not determine the root cause.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetJsonAsync_MalformedJson_ThrowsModelOutputExceptionWithParseError()
    {
        _server.Enqueue(LoopbackReply.Text("{\"label\": \"pool\", \"confidence\": }"));
        using var client = new OpenAICompatibleChatClient(_server.CreateOptions());

        var ex = await Assert.ThrowsAsync<ModelOutputException>(() => ChatJson.GetJsonAsync(client, [new ChatMessage(ChatRole.User, "x")]));

        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(ex.InnerException);
    }

    [Fact]
    public void ModelOutputException_LongReply_TruncatesRawText()
    {
        var reply = new string('x', ModelOutputException.MaxRawTextLength + 500);

        var ex = new ModelOutputException("contained no JSON object", reply);

        Assert.Equal(ModelOutputException.MaxRawTextLength + 1, ex.RawText.Length);
        Assert.EndsWith("…", ex.RawText, StringComparison.Ordinal);
        Assert.True(ex.Message.Length < 500);
    }

    [Theory]
    [InlineData("{\"a\": 1}", 1)]
    [InlineData("```json\n{\"a\": 2}\n```", 2)]
    [InlineData("Answer: {\"a\": 3} -- done", 3)]
    [InlineData("Note {this is not json} then {\"a\": 4}", 4)]
    [InlineData("{\"s\": \"braces } { inside\", \"a\": 5}", 5)]
    [InlineData("{\"nested\": {\"b\": {}}, \"a\": 6,}", 6)]
    [InlineData("{ unclosed then {\"a\": 7}", 7)]
    public void TryExtractJsonObject_TextWithObject_ReturnsFirstValidObject(string text, int expected)
    {
        var found = ChatJson.TryExtractJsonObject(text, out var value);

        Assert.True(found);
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        Assert.Equal(expected, value.GetProperty("a").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain prose")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{ never closed")]
    public void TryExtractJsonObject_NoObject_ReturnsFalse(string? text)
    {
        var found = ChatJson.TryExtractJsonObject(text, out var value);

        Assert.False(found);
        Assert.Equal(JsonValueKind.Undefined, value.ValueKind);
    }
}
