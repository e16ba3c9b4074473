namespace Alpha.Hosting.Workflows;

/// <summary>One specialist disputing another's hypothesis in the incident debate (an argument, not a claim: the judge scores claims only).</summary>
/// <param name="Agent">The specialist whose hypothesis is disputed.</param>
/// <param name="Label">The disputed hypothesis.</param>
/// <param name="Reason">Why.</param>
public sealed record DebateChallenge(string Agent, string Label, string Reason);
