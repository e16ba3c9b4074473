namespace Alpha.Sre.Signals.Logs;

/// <summary>A statement that no longer follows its predecessor in a service's requests (<see cref="StatementSequences"/>).</summary>
/// <param name="Service">The service.</param>
/// <param name="Statement">The statement no longer written (its source id or template key).</param>
/// <param name="Predecessor">The statement it followed, still written.</param>
/// <param name="RequestsBefore">Requests that wrote the predecessor before the onset.</param>
/// <param name="FollowedBefore">Of those, requests that also wrote the statement.</param>
/// <param name="RequestsAfter">Requests that wrote the predecessor after the onset.</param>
/// <param name="FollowedAfter">Of those, requests that still wrote the statement.</param>
/// <param name="Surprise">How unlikely so few are, in normal units.</param>
internal sealed record SequenceBreak(string Service, string Statement, string Predecessor, int RequestsBefore, int FollowedBefore, int RequestsAfter, int FollowedAfter, double Surprise);
