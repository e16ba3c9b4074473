namespace Alpha.Sre.Signals.Evidence;

/// <summary>
/// A statement that, before the onset, a service wrote in nearly every request that wrote another statement (its
/// predecessor), and that after the onset is missing from requests that still write the predecessor: the code path
/// between them now ends early (see <see cref="Logs.StatementSequences"/>).
/// </summary>
/// <param name="Template">The mined template of the statement no longer written.</param>
/// <param name="Statement">Its source id (<c>Logger#123</c>) when the line carries one.</param>
/// <param name="PredecessorTemplate">The template of the statement still written.</param>
/// <param name="Predecessor">The predecessor's source id, when its line carries one.</param>
/// <param name="RequestsBefore">Requests (trace ids) that wrote the predecessor before the onset.</param>
/// <param name="FollowedBefore">Of those, how many also wrote the statement.</param>
/// <param name="RequestsAfter">Requests that wrote the predecessor after the onset.</param>
/// <param name="FollowedAfter">Of those, how many still wrote the statement.</param>
/// <param name="Surprise">How unlikely so few are after the onset, in normal units (a beta-binomial tail).</param>
public sealed record LogSequenceBreak(
    string Template,
    string? Statement,
    string PredecessorTemplate,
    string? Predecessor,
    int RequestsBefore,
    int FollowedBefore,
    int RequestsAfter,
    int FollowedAfter,
    double Surprise) : SreEvidence;
