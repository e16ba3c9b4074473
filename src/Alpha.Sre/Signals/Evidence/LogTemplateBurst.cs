namespace Alpha.Sre.Signals.Evidence;

/// <summary>
/// One (service, log statement) against the lines before the onset: error lines new after the onset, bursting, or
/// (no times, or no reference for the service) just present; or, at any level, a statement that appeared, vanished
/// or changed its share of the service's lines.
/// </summary>
/// <param name="Template">The mined template.</param>
/// <param name="Category">pool, oom, disk, timeout, connection, cpu, exception or error (<see cref="Logs.LogCategories"/>).</param>
/// <param name="Count">Lines after the onset (all lines without one).</param>
/// <param name="CountBeforeOnset">Lines before the onset.</param>
/// <param name="Exception">The exception type the message names, if any.</param>
/// <param name="TargetService">Another known service an error message names (the callee of a failing call), if any.</param>
/// <param name="IsError">True for error lines (error level or error words); false for a statement-mix change at another level.</param>
/// <param name="Statement">The statement's source id (<c>Logger#123</c>, <c>File.java:88</c>) when the line carries one.</param>
/// <param name="Level">The level of its lines, when known.</param>
/// <param name="Surprise">Poisson surprise of the count after the onset against the reference share (<see cref="Logs.LogSignalExtractor.Surprise"/>), when there is a reference.</param>
/// <param name="Direction">Whether the statement's share went up or down, when there is a reference.</param>
public sealed record LogTemplateBurst(
    string Template,
    string Category,
    int Count,
    int CountBeforeOnset,
    string? Exception = null,
    string? TargetService = null,
    bool IsError = true,
    string? Statement = null,
    string? Level = null,
    double? Surprise = null,
    ChangeDirection? Direction = null) : SreEvidence;
