using Alpha.Runtime.Llm;

namespace Alpha.Runtime.Tests.Llm;

public sealed class OpenAICompatibleOptionsTests
{
    private static readonly OpenAICompatibleOptions Valid = new() { Endpoint = new Uri("http://localhost:11434/v1"), Model = "llama3.1" };

    [Fact]
    public void Validate_Defaults_AreSensibleAndValid()
    {
        Valid.Validate();

        Assert.Equal(TimeSpan.FromSeconds(60), Valid.Timeout);
        Assert.Equal(3, Valid.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), Valid.RetryBaseDelay);
        Assert.Equal(string.Empty, Valid.ApiKey);
    }

    [Fact]
    public void Validate_MissingModel_ThrowsSayingWhatToSet()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => (Valid with { Model = " " }).Validate());

        Assert.Contains("Model is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RelativeOrNonHttpEndpoint_Throws()
    {
        var relative = Assert.Throws<InvalidOperationException>(() => (Valid with { Endpoint = new Uri("/v1", UriKind.Relative) }).Validate());
        var ftp = Assert.Throws<InvalidOperationException>(() => (Valid with { Endpoint = new Uri("ftp://example.com/v1") }).Validate());

        Assert.Contains("absolute http or https URL", relative.Message, StringComparison.Ordinal);
        Assert.Contains("ftp://example.com/v1", ftp.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsAllAtOnce()
    {
        var options = Valid with { Timeout = TimeSpan.Zero, MaxRetries = -1, RetryBaseDelay = TimeSpan.FromSeconds(-1) };

        var ex = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RetryBaseDelay", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InfiniteTimeout_IsAllowed()
    {
        (Valid with { Timeout = Timeout.InfiniteTimeSpan }).Validate();

        Assert.Equal(Timeout.InfiniteTimeSpan, (Valid with { Timeout = Timeout.InfiniteTimeSpan }).Timeout);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsBeforeAnyCall()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new OpenAICompatibleChatClient(Valid with { Model = "" }));

        Assert.Contains("Model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithApiKey_RedactsTheKey()
    {
        var text = (Valid with { ApiKey = "sk-very-secret" }).ToString();

        Assert.DoesNotContain("sk-very-secret", text, StringComparison.Ordinal);
        Assert.Contains("(redacted)", text, StringComparison.Ordinal);
        Assert.Contains("llama3.1", text, StringComparison.Ordinal);
    }
}
