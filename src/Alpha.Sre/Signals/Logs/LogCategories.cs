namespace Alpha.Sre.Signals.Logs;

/// <summary>Generic reading of log messages: is it an error, which category, which exception type (no per-system patterns).</summary>
public static class LogCategories
{
    private static readonly string[] ErrorLevels = ["ERROR", "ERR", "FATAL", "CRITICAL", "CRIT", "SEVERE", "EMERG", "ALERT", "PANIC"];

    private static readonly (string Category, string[] Words)[] Categories =
    [
        ("thread-pool", ["thread pool", "threadpool", "thread starvation", "rejectedexecution", "no threads available", "worker threads exhausted", "pool threads"]),
        ("pool", ["pool exhausted", "pool is exhausted", "pool exhaustion", "connection pool", "unable to acquire", "no available connection", "too many connections", "remaining connection slots", "waiting for connection", "waiting for a connection", "connection is not available", "connection not available"]),
        ("oom", ["outofmemory", "out of memory", "oom", "heap space", "memory limit", "cannot allocate memory", "gc overhead"]),
        ("disk", ["no space left", "disk full", "disk quota", "filesystem full", "enospc", "no space on device"]),
        ("tls", ["certificate", "x509", "pkix", "ssl handshake", "tls handshake", "handshake failed", "handshake failure", "sslhandshake", "cert expired"]),
        ("dns", ["name resolution", "unknownhostexception", "unknown host", "nxdomain", "could not resolve", "couldn't resolve", "no such host", "servfail", "dns lookup", "dns resolution"]),
        ("lock", ["deadlock", "lock wait", "lock timeout", "could not obtain lock", "lock contention", "waiting for lock", "failed to acquire lock"]),
        ("queue", ["queue full", "queue is full", "backlog", "queue size exceeded", "queue capacity", "consumer lag"]),
        ("gc", ["gc pause", "stop-the-world", "stop the world", "full gc", "long gc"]),
        ("clock", ["clock skew", "clock drift", "time drift", "out of sync", "clock is behind", "clock is ahead"]),
        ("rate-limit", ["rate limit", "ratelimit", "rate-limit", "too many requests", "quota exceeded", "quota exhausted", "throttled", "throttling"]),
        ("feature-flag", ["feature flag", "feature toggle", "flag evaluation"]),
        ("timeout", ["timeout", "timed out", "deadline exceeded", "took too long", "read timed"]),
        ("connection", ["connection refused", "connection reset", "econnrefused", "econnreset", "unreachable", "broken pipe", "service unavailable", "503", "502", "no route to host", "could not connect", "failed to connect"]),
        ("cpu", ["cpu throttl", "high cpu", "cpu usage", "load average"]),
    ];

    private static readonly string[] ErrorWords = ["error", "exception", "fail", "fatal", "panic", "traceback", "refused", "timeout", "timed out", "exhausted", "unavailable", "denied", "abort", "crash", "killed", "oom", "corrupt", "invalid"];

    /// <summary>True when the level says error or worse, or (without a level) the message reads as an error.</summary>
    public static bool IsError(string? level, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (level is { Length: > 0 })
        {
            var upper = level.ToUpperInvariant();
            if (ErrorLevels.Any(l => upper.StartsWith(l, StringComparison.Ordinal)))
            {
                return true;
            }

            if (upper.StartsWith("WARN", StringComparison.Ordinal))
            {
                return Category(message) is not "error";
            }

            if (upper is "INFO" or "DEBUG" or "TRACE" or "NOTICE")
            {
                return false;
            }
        }

        var lower = message.ToLowerInvariant();
        return ErrorWords.Any(w => lower.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>The most specific category of a message: pool, oom, disk, timeout, connection, cpu, exception or error.</summary>
    public static string Category(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lower = message.ToLowerInvariant();
        foreach (var (category, words) in Categories)
        {
            if (words.Any(w => lower.Contains(w, StringComparison.Ordinal)))
            {
                return category;
            }
        }

        return ExceptionType(message) is not null || lower.Contains("exception", StringComparison.Ordinal) || lower.Contains("traceback", StringComparison.Ordinal) || lower.Contains("panic", StringComparison.Ordinal)
            ? "exception"
            : "error";
    }

    /// <summary>The first token that names an exception or error type (e.g. <c>java.lang.NullPointerException</c>, <c>KeyError</c>), or null.</summary>
    public static string? ExceptionType(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var raw in message.Split([' ', '\t', ':', '(', ')', '[', ']', ',', ';', '"', '\''], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.TrimEnd('.');
            var last = token[(token.LastIndexOf('.') + 1)..];
            if (last.Length > 5 && char.IsUpper(last[0])
                && (last.EndsWith("Exception", StringComparison.Ordinal) || (last.EndsWith("Error", StringComparison.Ordinal) && char.IsLower(last[^6]))))
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>A known service, other than <paramref name="own"/>, that the message names as a word.</summary>
    public static string? MentionedService(string message, string? own, IReadOnlyList<string> services)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(services);
        var lower = message.ToLowerInvariant();
        foreach (var service in services.OrderByDescending(s => s.Length))
        {
            if (string.Equals(service, own, StringComparison.OrdinalIgnoreCase) || service.Length < 3)
            {
                continue;
            }

            var name = service.ToLowerInvariant();
            var at = lower.IndexOf(name, StringComparison.Ordinal);
            while (at >= 0)
            {
                var before = at == 0 || !char.IsLetterOrDigit(lower[at - 1]);
                var end = at + name.Length;
                var after = end == lower.Length || !char.IsLetterOrDigit(lower[end]);
                if (before && after)
                {
                    return service;
                }

                at = lower.IndexOf(name, end, StringComparison.Ordinal);
            }
        }

        return null;
    }
}
