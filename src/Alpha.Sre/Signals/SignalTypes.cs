namespace Alpha.Sre.Signals;

/// <summary>The signal types the SRE extractors emit (docs/signals.md).</summary>
public static class SignalTypes
{
    /// <summary>A metric series changed against its baseline.</summary>
    public const string MetricAnomaly = "metric_anomaly";

    /// <summary>A metric snapshot at a saturating or alarming level.</summary>
    public const string MetricLevel = "metric_level";

    /// <summary>A log template that appeared during the incident, at error level or with error words.</summary>
    public const string LogNewErrorTemplate = "log_new_error_template";

    /// <summary>Errors of one service (or template) burst against the baseline window.</summary>
    public const string LogErrorBurst = "log_error_burst";

    /// <summary>Error lines (no time information to compare with a baseline, or a service absent from the reference).</summary>
    public const string LogErrors = "log_errors";

    /// <summary>A log statement (any level below error) that a service never wrote before the onset.</summary>
    public const string LogTemplateNew = "log_template_new";

    /// <summary>A log statement whose share of its service's lines changed against the reference (attribute <c>direction</c>).</summary>
    public const string LogTemplateShift = "log_template_shift";

    /// <summary>A statement a service wrote regularly before the onset and no longer writes while it still logs.</summary>
    public const string LogTemplateVanished = "log_template_vanished";

    /// <summary>A statement that nearly always followed another in a service's requests and no longer does after the onset.</summary>
    public const string LogSequenceBroken = "log_sequence_broken";

    /// <summary>A recent commit, with its risk.</summary>
    public const string Commit = "commit";

    /// <summary>A recent deployment.</summary>
    public const string Deployment = "deployment";

    /// <summary>A config key changed (or a risky key present in the snapshot).</summary>
    public const string ConfigChange = "config_change";

    /// <summary>Trace spans of a service slowed down or failed.</summary>
    public const string TraceAnomaly = "trace_anomaly";
}
