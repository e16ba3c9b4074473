using System.Text.Json.Serialization;
using Alpha.Runtime.Schemas;

namespace Alpha.Sre.Signals.Evidence;

/// <summary>
/// The SRE vertical's signal payloads: what each extractor found, as typed fields that agents read directly
/// (no attribute strings to parse). In JSON the record's type is the snake_case <c>kind</c> discriminator
/// (docs/signals.md lists the fields of each).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MetricChange), "metric_change")]
[JsonDerivedType(typeof(MetricLevel), "metric_level")]
[JsonDerivedType(typeof(TraceFinding), "trace_finding")]
[JsonDerivedType(typeof(LogTemplateBurst), "log_template_burst")]
[JsonDerivedType(typeof(LogSequenceBreak), "log_sequence_break")]
[JsonDerivedType(typeof(CommitRisk), "commit_risk")]
[JsonDerivedType(typeof(DeploymentChange), "deployment")]
[JsonDerivedType(typeof(DeploymentRegression), "deployment_regression")]
[JsonDerivedType(typeof(ConfigChange), "config_change")]
public abstract record SreEvidence : SignalPayload;
