using System.Text.RegularExpressions;

namespace Alpha.Sre.Signals.Logs;

/// <summary>
/// Which log statements of a service follow each other within one request, before and after the onset. A line's
/// request is the trace id it carries (<c>TraceID: 4bf9...</c>, <c>trace_id=...</c>, <c>"traceId":"..."</c>); per
/// (service, trace, side of the onset) the set of statements written is kept. Before the onset, statement B
/// <em>follows</em> statement A when B was written in nearly every request of the service that wrote A
/// (<see cref="MinFollowShare"/> of at least <see cref="MinRequests"/> requests). After the onset, requests that
/// still write A but no longer write B are a broken sequence: the code path between A and B now ends early (an
/// exception, an early return), which is how code-level faults show in logs whose error lines say nothing.
/// </summary>
/// <remarks>
/// The surprise is a one-sided tail probability turned into normal units (a z, like every other log and metric
/// score): the count of requests after the onset that still write B, against a beta-binomial whose rate is what the
/// requests before the onset showed (Jeffreys prior), so a rate seen on few requests counts for less. Both constants
/// were set once from what "always follows" means (nine in ten, five requests), not fitted to a data set;
/// docs/evaluation.md gives the evaluation figures with and without the signal. Memory is bounded: at most <see cref="MaxRequests"/> requests
/// and <see cref="MaxStatementsPerRequest"/> statements each are kept.
/// </remarks>
internal sealed partial class StatementSequences
{
    /// <summary>Least share of A's requests that also wrote B, before the onset, for B to follow A.</summary>
    public const double MinFollowShare = 0.9;

    /// <summary>Least number of requests that wrote A before the onset.</summary>
    public const int MinRequests = 5;

    /// <summary>Most requests kept (the rest are not tracked, so a huge incident stays within bounded memory).</summary>
    public const int MaxRequests = 200_000;

    /// <summary>Most distinct statements kept per request.</summary>
    public const int MaxStatementsPerRequest = 32;

    private readonly Dictionary<(string Service, string Trace, bool After), HashSet<string>> _requests = [];

    private Dictionary<(string Service, string Statement), (int Before, int After)>? _statementRequests;
    private Dictionary<string, (int Before, int After)>? _serviceRequests;
    private bool _truncated;

    /// <summary>True when every request was kept (<see cref="MaxRequests"/> was not reached), so request counts are whole.</summary>
    public bool Complete => !_truncated;

    /// <summary>
    /// Records that <paramref name="statement"/> of <paramref name="service"/> was written in request
    /// <paramref name="traceId"/> (the line's own trace id), else in the request <paramref name="message"/> names;
    /// false when the line names no request (or has no service).
    /// </summary>
    public bool Add(string? service, string message, string statement, bool after, string? traceId = null)
    {
        if (service is null || (string.IsNullOrEmpty(traceId) ? TraceId(message) : traceId) is not { } trace)
        {
            return false;
        }

        var key = (service, trace, after);
        if (!_requests.TryGetValue(key, out var statements))
        {
            if (_requests.Count >= MaxRequests)
            {
                _truncated = true;
                return true;
            }

            statements = new HashSet<string>(StringComparer.Ordinal);
            _requests.Add(key, statements);
        }

        if (statements.Count < MaxStatementsPerRequest)
        {
            statements.Add(statement);
        }
        else
        {
            _truncated |= !statements.Contains(statement);
        }

        return true;
    }

    /// <summary>How many requests of <paramref name="service"/> wrote <paramref name="statement"/>, before and after the onset.</summary>
    public (int Before, int After) Requests(string service, string statement)
    {
        CountRequests();
        return _statementRequests!.GetValueOrDefault((service, statement));
    }

    /// <summary>How many requests <paramref name="service"/> wrote anything in, before and after the onset.</summary>
    public (int Before, int After) Requests(string service)
    {
        CountRequests();
        return _serviceRequests!.GetValueOrDefault(service);
    }

    private void CountRequests()
    {
        if (_statementRequests is not null)
        {
            return;
        }

        _statementRequests = [];
        _serviceRequests = new Dictionary<string, (int Before, int After)>(StringComparer.Ordinal);
        foreach (var ((service, _, after), statements) in _requests)
        {
            var total = _serviceRequests.GetValueOrDefault(service);
            _serviceRequests[service] = after ? (total.Before, total.After + 1) : (total.Before + 1, total.After);
            foreach (var statement in statements)
            {
                var count = _statementRequests.GetValueOrDefault((service, statement));
                _statementRequests[(service, statement)] = after ? (count.Before, count.After + 1) : (count.Before + 1, count.After);
            }
        }
    }

    /// <summary>Every statement that stopped following another one after the onset, with at least <paramref name="minSurprise"/>, the strongest predecessor for each.</summary>
    public IReadOnlyList<SequenceBreak> FindBreaks(double minSurprise)
    {
        var before = CountPairs(after: false);
        var after = CountPairs(after: true);
        var breaks = new Dictionary<(string Service, string Statement), SequenceBreak>();
        foreach (var ((service, first, then), followed) in before)
        {
            var (requests, requestsAfter) = Requests(service, first);
            if (requests < MinRequests || followed < MinFollowShare * requests || requestsAfter == 0)
            {
                continue;
            }

            var followedAfter = after.GetValueOrDefault((service, first, then));
            if (followedAfter >= requestsAfter * (double)followed / requests)
            {
                continue;
            }

            var surprise = Surprise(followedAfter, requestsAfter, followed + 0.5, requests - followed + 0.5);
            if (surprise >= minSurprise && (!breaks.TryGetValue((service, then), out var known) || surprise > known.Surprise))
            {
                breaks[(service, then)] = new SequenceBreak(service, then, first, requests, followed, requestsAfter, followedAfter, Math.Round(surprise, 2));
            }
        }

        return [.. breaks.Values.OrderByDescending(b => b.Surprise).ThenBy(b => b.Service, StringComparer.Ordinal).ThenBy(b => b.Statement, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The z of seeing at most <paramref name="observed"/> of <paramref name="trials"/> requests write the statement,
    /// when its rate is beta(<paramref name="alpha"/>, <paramref name="beta"/>): the beta-binomial lower tail, in normal units.
    /// </summary>
    internal static double Surprise(int observed, int trials, double alpha, double beta)
    {
        // P(X = 0) = prod (beta + i) / (alpha + beta + i); then P(x + 1) / P(x) = (n - x) / (x + 1) * (alpha + x) / (beta + n - x - 1).
        var logP = 0.0;
        for (var i = 0; i < trials; i++)
        {
            logP += Math.Log((beta + i) / (alpha + beta + i));
        }

        var p = Math.Exp(logP);
        var tail = p;
        for (var x = 0; x < observed; x++)
        {
            p *= (trials - x) / (x + 1.0) * (alpha + x) / (beta + trials - x - 1);
            tail += p;
        }

        return UpperZ(Math.Min(tail, 1));
    }

    /// <summary>The z whose upper normal tail is <paramref name="p"/> (Abramowitz and Stegun 26.2.23, error under 4.5e-4); 0 from p = 0.5 up.</summary>
    internal static double UpperZ(double p)
    {
        if (p >= 0.5)
        {
            return 0;
        }

        var t = Math.Sqrt(-2 * Math.Log(Math.Max(p, 1e-300)));
        return t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t)));
    }

    /// <summary>The request id a log line names, or null.</summary>
    internal static string? TraceId(string message)
    {
        var head = message.Length > 400 ? message[..400] : message;
        var m = TracePattern().Match(head);
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>Per (service, statement, statement), how many requests on one side of the onset wrote both.</summary>
    private Dictionary<(string, string, string), int> CountPairs(bool after)
    {
        var pairs = new Dictionary<(string, string, string), int>();
        foreach (var ((service, _, side), statements) in _requests)
        {
            if (side != after)
            {
                continue;
            }

            foreach (var first in statements)
            {
                foreach (var then in statements)
                {
                    if (first != then)
                    {
                        pairs[(service, first, then)] = pairs.GetValueOrDefault((service, first, then)) + 1;
                    }
                }
            }
        }

        return pairs;
    }

    [GeneratedRegex(@"\btrace[-_ ]?id""?\s*[:=]\s*""?([0-9A-Fa-f]{16,32}|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TracePattern();
}
