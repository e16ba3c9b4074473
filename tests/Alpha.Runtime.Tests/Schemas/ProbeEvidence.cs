using System.Text.Json.Serialization;
using Alpha.Runtime.Schemas;

namespace Alpha.Runtime.Tests.Schemas;

/// <summary>A vertical's payload base, as a vertical declares it: polymorphic with a snake_case discriminator.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ProbePayload), "probe")]
public abstract record ProbeEvidence : SignalPayload;
