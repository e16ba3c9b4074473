using System.ClientModel.Primitives;

namespace Alpha.Runtime.Llm;

/// <summary>Adds fixed headers (OpenRouter's HTTP-Referer and X-Title) to every request the SDK sends.</summary>
internal sealed class RequestHeadersPolicy : PipelinePolicy
{
    private readonly KeyValuePair<string, string>[] _headers;

    public RequestHeadersPolicy(IEnumerable<KeyValuePair<string, string>> headers)
    {
        _headers = [.. headers];
    }

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineMessage message)
    {
        foreach (var (name, value) in _headers)
        {
            message.Request.Headers.Set(name, value);
        }
    }
}
