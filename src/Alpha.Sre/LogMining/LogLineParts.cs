namespace Alpha.Sre.LogMining;

/// <summary>A raw log line cut into its header fields and its message.</summary>
/// <param name="Message">The message, without the header (the whole line when no header was recognised).</param>
/// <param name="Timestamp">The header's time, when one was recognised and complete enough to read (times without a zone are taken as UTC).</param>
/// <param name="Level">The level word as written, without brackets (<c>INFO</c>, <c>notice</c>), when one was found in the header.</param>
/// <param name="Component">The emitting program or logger (<c>sshd</c>, <c>org.apache.Foo</c>), when the header names one.</param>
public sealed record LogLineParts(string Message, DateTimeOffset? Timestamp, string? Level, string? Component);
