namespace Alpha.Sre.Signals.Evidence;

/// <summary>Error lines of one (service, log template): new after the onset, bursting against the baseline, or (no times) just present.</summary>
/// <param name="Template">The mined template.</param>
/// <param name="Category">pool, oom, disk, timeout, connection, cpu, exception or error (<see cref="Logs.LogCategories"/>).</param>
/// <param name="Count">Lines after the onset (all lines without one).</param>
/// <param name="CountBeforeOnset">Lines before the onset.</param>
/// <param name="Exception">The exception type the message names, if any.</param>
/// <param name="TargetService">Another known service the message names (the callee of a failing call), if any.</param>
public sealed record LogTemplateBurst(string Template, string Category, int Count, int CountBeforeOnset, string? Exception = null, string? TargetService = null) : SreEvidence;
