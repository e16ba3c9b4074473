using System.Globalization;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Signals;

/// <summary>Collects signals from several extractors and gives them stable, sequential ids (sig_001...).</summary>
public sealed class SignalBuilder
{
    private readonly List<Signal> _signals = [];

    /// <summary>The signals so far, in id order.</summary>
    public IReadOnlyList<Signal> Signals => _signals;

    /// <summary>Adds a signal and returns it with its id.</summary>
    public Signal Add(
        string type,
        string description,
        Severity severity,
        string source,
        double? value = null,
        string? service = null,
        DateTimeOffset? timestamp = null,
        SignalPayload? payload = null)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"sig_{_signals.Count + 1:000}");
        var signal = new Signal(id, type, description, severity, source, value is { } v && double.IsFinite(v) ? v : null, service, timestamp, payload);
        _signals.Add(signal);
        return signal;
    }
}
