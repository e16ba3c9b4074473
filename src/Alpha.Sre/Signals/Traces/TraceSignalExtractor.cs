using System.Globalization;
using Alpha.Runtime.Schemas;
using Alpha.Sre.Incidents;
using Alpha.Sre.Signals.Evidence;
using Alpha.Sre.Signals.Metrics;

namespace Alpha.Sre.Signals.Traces;

/// <summary>
/// Trace signals, per service, judged against the spans that started before the onset (the incident's
/// detection time; without one, each series' own change point from <see cref="ChangeDetector"/>):
/// <list type="bullet">
/// <item><description>span latency: the durations of the service's entry spans (roots, and spans whose parent runs in
/// another service);</description></item>
/// <item><description>call gap: for a call from one service to another (a span whose only child runs in another
/// service), the caller's span minus the callee's span: the time spent outside the callee's handler (network,
/// connection set-up, queueing, the caller's client code). Each call edge (caller, callee) is scored on its own;
/// an edge seen fewer than <see cref="MinSamples"/> times before the onset borrows the baseline of all calls into
/// its callee, then of all calls. An anomalous edge (gap up by <see cref="MinScore"/> baseline scales) is blamed on
/// the callee, as a slow call usually is, unless most of the caller's other calls slowed too, and more of them
/// than of the callee's other incoming calls: then the caller's network or CPU is the common factor. Each service
/// gets one signal for the edges blamed on it, scored by their call-weighted median;</description></item>
/// <item><description>errors: the service's share of spans in error after the onset against its share before (binomial
/// score with an add-one baseline, so a clean baseline does not divide by zero).</description></item>
/// </list>
/// Latency series are scored by <see cref="ChangeDetector"/> on the baseline spans themselves (median and
/// interquartile range) against medians of consecutive incident spans (an eighth of them, within
/// <see cref="MinSamples"/>..<see cref="MaxChunk"/>), so one slow request never makes a peak while a slowdown over
/// part of the window still does. Signals have source <c>traces</c>, type <see cref="SignalTypes.TraceAnomaly"/>, the
/// service, and a <see cref="TraceFinding"/> payload (metric kind latency or errors, direction, metric span_latency,
/// call_gap or span_error_rate), so agents that rank services on metric anomalies weigh them the same way.
/// </summary>
public static class TraceSignalExtractor
{
    /// <summary>Score (in baseline scales) from which a change is reported; the same bar as for metrics.</summary>
    public const double MinScore = MetricSignalExtractor.MinScore;

    /// <summary>Fewest spans on each side of the onset for a series to be scored.</summary>
    public const int MinSamples = ChangeDetector.MinBaseline;

    /// <summary>Most consecutive spans summarised by one median.</summary>
    public const int MaxChunk = 20;

    /// <summary>Medians aimed for on the incident side: the chunk size is the span count over this, within <see cref="MinSamples"/>..<see cref="MaxChunk"/>.</summary>
    public const int Chunks = 8;

    /// <summary>Adds the trace signals of <paramref name="incident"/> to <paramref name="builder"/>.</summary>
    /// <param name="incident">The incident; only spans with a start time are used.</param>
    /// <param name="onset">The detection time, when known; spans before it form the baseline.</param>
    /// <param name="builder">Receives the signals, strongest first.</param>
    public static void Extract(SreIncident incident, DateTimeOffset? onset, SignalBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(builder);
        var spans = incident.Traces.Where(s => s.Start is not null && double.IsFinite(s.DurationMs)).ToArray();
        if (spans.Length == 0)
        {
            return;
        }

        var byId = new Dictionary<(string, string), TraceSpan>();
        var children = new Dictionary<(string, string), int>();
        foreach (var s in spans)
        {
            byId.TryAdd((s.TraceId, s.SpanId), s);
            if (s.ParentSpanId is { } p)
            {
                children[(s.TraceId, p)] = children.GetValueOrDefault((s.TraceId, p)) + 1;
            }
        }

        var entry = new Dictionary<string, List<Sample>>(StringComparer.Ordinal);
        var gaps = new Dictionary<(string Caller, string Callee), List<Sample>>();
        var outcomes = new Dictionary<string, List<(DateTimeOffset Time, bool Error)>>(StringComparer.Ordinal);
        foreach (var s in spans)
        {
            var start = s.Start!.Value;
            Add(outcomes, s.Service, (start, s.Error));
            var parent = s.ParentSpanId is { } pid && byId.TryGetValue((s.TraceId, pid), out var p) ? p : null;
            if (parent is null || !string.Equals(parent.Service, s.Service, StringComparison.Ordinal))
            {
                Add(entry, s.Service, new Sample(start, s.DurationMs));
            }

            if (parent is { Start: { } parentStart } && !string.Equals(parent.Service, s.Service, StringComparison.Ordinal)
                && children.GetValueOrDefault((s.TraceId, parent.SpanId)) == 1 && double.IsFinite(parent.DurationMs))
            {
                Add(gaps, (parent.Service, s.Service), new Sample(parentStart, Math.Max(0, parent.DurationMs - s.DurationMs)));
            }
        }

        var found = new List<Found>();
        foreach (var (service, samples) in entry)
        {
            if (Score(samples, onset, null) is { } scored && scored.Change.Score >= MinScore)
            {
                found.Add(LatencySignal(service, scored));
            }
        }

        found.AddRange(ExplainGaps(gaps, onset));
        if (onset is { } t)
        {
            found.AddRange(outcomes.Select(kv => ErrorSignal(kv.Key, kv.Value, t)).OfType<Found>());
        }

        var coMovement = AlertCoMovement.For(incident);
        foreach (var f in found.OrderByDescending(f => f.Score).ThenBy(f => f.Service, StringComparer.Ordinal).ThenBy(f => f.Metric, StringComparer.Ordinal))
        {
            builder.Add(
                SignalTypes.TraceAnomaly,
                f.Description,
                f.Score >= 10 ? Severity.High : f.Score >= 5 ? Severity.Medium : Severity.Low,
                "traces",
                f.Score,
                f.Service,
                f.Timestamp,
                f.Payload with { AlertCoMovement = coMovement.Of(f.Service, f.Metric) });
        }
    }

    private static Found LatencySignal(string service, Scored scored)
    {
        var c = scored.Change;
        var verb = c.Direction >= 0 ? "rose" : "fell";
        return new Found(
            service,
            "span_latency",
            c.Score,
            scored.Onset,
            string.Create(CultureInfo.InvariantCulture, $"{service} span latency {verb} from {c.BaselineMedian:G4} to {c.AnomalousMedian:G4} ms (median of {scored.Chunk} consecutive spans; peak {c.PeakScore:0.0}, shift {c.ShiftScore:0.0} baseline scales)"),
            Finding("span_latency", c, scored));
    }

    private static IEnumerable<Found> ExplainGaps(Dictionary<(string Caller, string Callee), List<Sample>> gaps, DateTimeOffset? onset)
    {
        var pooledByCallee = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var pooled = new List<double>();
        if (onset is { } t)
        {
            foreach (var ((_, callee), samples) in gaps)
            {
                foreach (var s in samples.Where(s => s.Time < t))
                {
                    Add(pooledByCallee, callee, s.Value);
                    pooled.Add(s.Value);
                }
            }
        }

        var edges = new List<Edge>();
        foreach (var ((caller, callee), samples) in gaps.OrderBy(g => g.Key.Caller, StringComparer.Ordinal).ThenBy(g => g.Key.Callee, StringComparer.Ordinal))
        {
            // An edge seen too rarely before the onset borrows the baseline of all calls into its callee, then of all calls.
            var fallback = pooledByCallee.TryGetValue(callee, out var own) && own.Count >= MinSamples ? own : pooled;
            if (Score(samples, onset, fallback.Count >= MinSamples ? [.. fallback] : null) is { } scored)
            {
                edges.Add(new Edge(caller, callee, scored, scored.IncidentCount));
            }
        }

        var anomalous = edges.Where(e => e.Scored.Change.Score >= MinScore && e.Scored.Change.Direction > 0).ToList();
        if (anomalous.Count == 0)
        {
            yield break;
        }

        // Each anomalous call edge is blamed on one end. A slow call is the callee's by default; it is the caller's
        // when most of the caller's other calls are slow too, and more so than the callee's other incoming calls.
        var blamed = new Dictionary<string, List<Edge>>(StringComparer.Ordinal);
        foreach (var e in anomalous)
        {
            var callerSupport = Support(edges.Where(o => o.Caller == e.Caller && o != e), anomalous);
            var calleeSupport = Support(edges.Where(o => o.Callee == e.Callee && o != e), anomalous);
            var onCaller = callerSupport is > 0.5 && (calleeSupport is null || callerSupport > calleeSupport);
            Add(blamed, onCaller ? e.Caller : e.Callee, e);
        }

        foreach (var (service, list) in blamed.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            var covered = list.OrderByDescending(e => e.Scored.Change.Score).ToList();
            var score = WeightedMedian(covered.Select(e => (e.Scored.Change.Score, (double)e.Calls)));
            var strongest = covered[0];
            var names = string.Join(", ", covered.Take(4).Select(e => $"{e.Caller}->{e.Callee}"));
            var side = covered.All(e => e.Caller == service) ? "caller" : covered.All(e => e.Callee == service) ? "callee" : "both";
            var payload = Finding("call_gap", strongest.Scored.Change, strongest.Scored) with { Edges = [.. covered.Select(e => $"{e.Caller}->{e.Callee}")], Side = side };
            yield return new Found(
                service,
                "call_gap",
                score,
                covered.Min(e => e.Scored.Onset),
                string.Create(CultureInfo.InvariantCulture, $"{side switch { "caller" => "calls made by", "callee" => "calls to", _ => "calls to and from" }} {service} spent longer outside the callee's handler on {covered.Count} call edge(s) ({names}{(covered.Count > 4 ? ", ..." : "")}): gap {strongest.Scored.Change.BaselineMedian:G4} -> {strongest.Scored.Change.AnomalousMedian:G4} ms on {strongest.Caller}->{strongest.Callee}"),
                payload);
        }
    }

    /// <summary>The call-weighted share of <paramref name="others"/> that are anomalous; null when there are none.</summary>
    private static double? Support(IEnumerable<Edge> others, List<Edge> anomalous)
    {
        var all = 0;
        var bad = 0;
        foreach (var o in others)
        {
            all += o.Calls;
            bad += anomalous.Contains(o) ? o.Calls : 0;
        }

        return all == 0 ? null : bad / (double)all;
    }

    private static Found? ErrorSignal(string service, List<(DateTimeOffset Time, bool Error)> outcomes, DateTimeOffset onset)
    {
        var n0 = 0;
        var e0 = 0;
        var n1 = 0;
        var e1 = 0;
        foreach (var (time, error) in outcomes)
        {
            if (time < onset)
            {
                n0++;
                e0 += error ? 1 : 0;
            }
            else
            {
                n1++;
                e1 += error ? 1 : 0;
            }
        }

        if (e1 == 0 || n1 < MinSamples)
        {
            return null;
        }

        var p0 = (e0 + 1.0) / (n0 + 2.0);
        var p1 = e1 / (double)n1;
        var z = (p1 - p0) / Math.Sqrt(p0 * (1 - p0) / n1);
        if (z < MinScore)
        {
            return null;
        }

        return new Found(
            service,
            "span_error_rate",
            z,
            onset,
            string.Create(CultureInfo.InvariantCulture, $"{service} spans failed in {p1:P1} of {n1} after the onset against {e0} of {n0} before (score {z:0.0})"),
            new TraceFinding("span_error_rate", MetricKind.Errors, ChangeDirection.Up, n0 == 0 ? 0 : e0 / (double)n0, p1, n1, OnsetKnown: true));
    }

    private static TraceFinding Finding(string metric, ChangeResult c, Scored scored) => new(
        metric,
        MetricKind.Latency,
        c.Direction >= 0 ? ChangeDirection.Up : ChangeDirection.Down,
        c.BaselineMedian,
        c.AnomalousMedian,
        scored.IncidentCount,
        c.OnsetKnown,
        c.PeakScore,
        c.ShiftScore,
        scored.Chunk,
        scored.PooledBaseline);

    /// <summary>
    /// Scores one latency series with <see cref="ChangeDetector"/>: the baseline is the spans themselves (their median
    /// and interquartile range), the incident side is medians of consecutive spans (at least <see cref="MinSamples"/>
    /// each), so a single slow request never makes a peak while a slowdown over part of the window still does.
    /// </summary>
    private static Scored? Score(List<Sample> samples, DateTimeOffset? onset, double[]? fallbackBaseline)
    {
        samples.Sort((a, b) => a.Time.CompareTo(b.Time));
        var values = samples.Select(s => s.Value).ToArray();
        if (onset is not { } t)
        {
            var chunk = ChunkSize(values.Length);
            var series = Medians(values, chunk);
            if (ChangeDetector.Detect(series) is not { } found)
            {
                return null;
            }

            var first = Math.Min(found.OnsetIndex * values.Length / series.Length, values.Length - 1);
            return new Scored(found, samples[first].Time, values.Length - first, chunk, false);
        }

        var split = samples.FindIndex(s => s.Time >= t);
        if (split < 0 || values.Length - split < MinSamples)
        {
            return null;
        }

        var baseline = values[..split];
        var incident = values[split..];
        var pooledBaseline = false;
        if (baseline.Length < MinSamples)
        {
            if (fallbackBaseline is null || fallbackBaseline.Length < MinSamples)
            {
                return null;
            }

            baseline = fallbackBaseline;
            pooledBaseline = true;
        }

        var size = ChunkSize(incident.Length);
        return ChangeDetector.Detect([.. baseline, .. Medians(incident, size)], baseline.Length) is { } change
            ? new Scored(change, samples[split].Time, incident.Length, size, pooledBaseline)
            : null;
    }

    /// <summary>Spans per median: an eighth of the spans, within <see cref="MinSamples"/>..<see cref="MaxChunk"/>.</summary>
    private static int ChunkSize(int count) => Math.Clamp(count / Chunks, MinSamples, MaxChunk);

    /// <summary>Medians of <paramref name="values"/> cut into equal consecutive chunks of at least <paramref name="size"/> values.</summary>
    private static double[] Medians(double[] values, int size)
    {
        var count = Math.Max(1, values.Length / size);
        var medians = new double[count];
        for (var i = 0; i < count; i++)
        {
            var from = (int)((long)i * values.Length / count);
            var to = (int)((long)(i + 1) * values.Length / count);
            medians[i] = RobustStats.Median(values.AsSpan(from, to - from));
        }

        return medians;
    }

    private static double WeightedMedian(IEnumerable<(double Value, double Weight)> items)
    {
        var sorted = items.OrderBy(i => i.Value).ToArray();
        var half = sorted.Sum(i => i.Weight) / 2;
        var cumulative = 0.0;
        foreach (var (value, weight) in sorted)
        {
            cumulative += weight;
            if (cumulative >= half)
            {
                return value;
            }
        }

        return sorted[^1].Value;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map.Add(key, list);
        }

        list.Add(value);
    }

    private readonly record struct Sample(DateTimeOffset Time, double Value);

    private sealed record Scored(ChangeResult Change, DateTimeOffset Onset, int IncidentCount, int Chunk, bool PooledBaseline);

    private sealed record Edge(string Caller, string Callee, Scored Scored, int Calls)
    {
        public bool Touches(string service) => Caller == service || Callee == service;
    }

    private sealed record Found(string Service, string Metric, double Score, DateTimeOffset? Timestamp, string Description, TraceFinding Payload);
}
