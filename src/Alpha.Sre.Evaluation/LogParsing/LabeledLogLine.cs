namespace Alpha.Sre.Evaluation.LogParsing;

/// <summary>One line of a labelled loghub set: its message and the ground-truth template it belongs to.</summary>
/// <param name="LineId">The 1-based line number in the raw log.</param>
/// <param name="Content">The message content, that is the line without its header (loghub's <c>Content</c> column).</param>
/// <param name="EventId">The ground-truth template id.</param>
/// <param name="EventTemplate">The ground-truth template, variables written as <c>&lt;*&gt;</c>.</param>
/// <param name="RawLine">The whole raw line, header included, when the raw log was found beside the labels.</param>
public sealed record LabeledLogLine(int LineId, string Content, string EventId, string EventTemplate, string? RawLine);
