namespace Alpha.Runtime.Tests.Schemas;

/// <summary>A concrete payload of the test vertical.</summary>
public sealed record ProbePayload(string Name, int Count) : ProbeEvidence;
