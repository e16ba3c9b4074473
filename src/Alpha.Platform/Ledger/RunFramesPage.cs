namespace Alpha.Platform.Ledger;

/// <summary>A run (without inputs) and some of its frames, read together in one snapshot (<c>alpha runs tail</c>).</summary>
/// <param name="Run">The run as of the read: when it is final, every frame it will ever have is at or before the page's last.</param>
/// <param name="Frames">Frames after the sequence asked for, in order.</param>
public sealed record RunFramesPage(WorkflowRun Run, IReadOnlyList<RunFrame> Frames);
