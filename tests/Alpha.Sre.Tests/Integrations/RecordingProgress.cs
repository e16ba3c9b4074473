namespace Alpha.Sre.Tests.Integrations;

/// <summary>Collects progress lines synchronously, in order.</summary>
internal sealed class RecordingProgress : IProgress<string>
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public void Report(string value)
    {
        lock (_gate)
        {
            _lines.Add(value);
        }
    }
}
