using System.Collections;
using System.Text;
using Alpha.Runtime.Security;

namespace Alpha.Sre.Incidents;

/// <summary>
/// The log entries of a big incident, kept compactly: each message (and its trace id, when it has one) as UTF-8 bytes
/// in shared 1 MiB pages, its time as ticks and offset, its service and level as indices into a table of the distinct
/// values. A line costs its UTF-8 length plus 32 bytes (a <see cref="LogEntry"/> with its string costs about twice its length plus 80), and nothing
/// else is kept per line. An entry is decoded each time it is read, so readers that go through the lines once (the
/// log miner, redaction, the writer) see the same <see cref="LogEntry"/> values as from a list. Append-only.
/// </summary>
public sealed class LogBook : IReadOnlyList<LogEntry>
{
    private const int PageBytes = 1 << 20;
    private const int SlotsPerPage = 1 << 16;
    private const long NoTime = long.MinValue;

    private readonly List<byte[]> _pages = [];
    private readonly List<Slot[]> _slots = [];
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _nameIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private int _current = -1;
    private int _pageUsed;
    private (int Page, int Offset) _pending;

    /// <summary>How many entries it holds.</summary>
    public int Count { get; private set; }

    /// <summary>The distinct services of its entries (without reading them).</summary>
    public IReadOnlyCollection<string> Services => _services;

    /// <summary>The UTF-8 size of all messages.</summary>
    public long MessageBytes { get; private set; }

    /// <summary>
    /// The redactor this book was redacted by (or found clean by), so that redacting it again with the same one (the
    /// CLI, the runtime and the ledger each redact their incident) does not scan every line again. Redaction is
    /// idempotent, so this only saves work.
    /// </summary>
    internal SecretRedactor? RedactedBy { get; set; }

    /// <inheritdoc />
    public LogEntry this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return Decode(in _slots[index / SlotsPerPage][index % SlotsPerPage]);
        }
    }

    /// <summary>Appends <paramref name="entry"/>.</summary>
    public void Add(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var count = Encoding.UTF8.GetByteCount(entry.Message);
        var traceBytes = entry.TraceId is { } trace ? Encoding.UTF8.GetByteCount(trace) : 0;
        if (traceBytes > short.MaxValue)
        {
            throw new ArgumentException($"a trace id of {traceBytes} bytes is not an id", nameof(entry));
        }

        var (page, offset) = Reserve(count + traceBytes);
        Encoding.UTF8.GetBytes(entry.Message, _pages[page].AsSpan(offset, count));
        if (entry.TraceId is { } id)
        {
            Encoding.UTF8.GetBytes(id, _pages[page].AsSpan(offset + count, traceBytes));
        }

        Append(page, offset, count, entry.Timestamp, entry.Service, entry.Level, entry.TraceId is null ? (short)-1 : (short)traceBytes);
    }

    /// <summary>Appends a plain log line (no time, service or level of its own) given as UTF-8 <paramref name="message"/>.</summary>
    public void AddLine(ReadOnlySpan<byte> message)
    {
        var (page, offset) = Reserve(message.Length);
        message.CopyTo(_pages[page].AsSpan(offset));
        Append(page, offset, message.Length, null, null, null, -1);
    }

    /// <summary>A writable span of <paramref name="maxBytes"/> bytes for the next plain line; <see cref="CommitLine"/> then appends the first bytes of it.</summary>
    internal Span<byte> ReserveLine(int maxBytes)
    {
        var (page, offset) = Place(maxBytes);
        _pending = (page, offset);
        return _pages[page].AsSpan(offset, maxBytes);
    }

    /// <summary>Appends the first <paramref name="written"/> bytes of the span <see cref="ReserveLine"/> gave as a plain line.</summary>
    internal void CommitLine(int written)
    {
        var (page, offset) = _pending;
        if (page == _current)
        {
            _pageUsed = offset + written;
        }

        Append(page, offset, written, null, null, null, -1);
    }

    /// <inheritdoc />
    public IEnumerator<LogEntry> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Decode(in _slots[i / SlotsPerPage][i % SlotsPerPage]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private (int Page, int Offset) Reserve(int count)
    {
        var (page, offset) = Place(count);
        if (page == _current)
        {
            _pageUsed = offset + count;
        }

        return (page, offset);
    }

    // Where count bytes go: a long message gets a page of its own (so shared pages stay dense), others the current
    // shared page, or a new one when it is full. Nothing is taken until the caller moves _pageUsed.
    private (int Page, int Offset) Place(int count)
    {
        if (count > PageBytes / 4)
        {
            _pages.Add(new byte[count]);
            return (_pages.Count - 1, 0);
        }

        if (_current < 0 || _pageUsed + count > PageBytes)
        {
            _pages.Add(new byte[PageBytes]);
            _current = _pages.Count - 1;
            _pageUsed = 0;
        }

        return (_current, _pageUsed);
    }

    // The trace id's bytes follow the message's in the same page; traceLength -1 when there is none.
    private void Append(int page, int offset, int length, DateTimeOffset? timestamp, string? service, string? level, short traceLength)
    {
        if (Count % SlotsPerPage == 0 && Count / SlotsPerPage == _slots.Count)
        {
            _slots.Add(new Slot[SlotsPerPage]);
        }

        _slots[Count / SlotsPerPage][Count % SlotsPerPage] = new Slot
        {
            Page = page,
            Offset = offset,
            Length = length,
            Service = NameId(service),
            Level = NameId(level),
            DateTicks = timestamp is { } t ? t.Ticks : NoTime,
            OffsetMinutes = timestamp is { } o ? (short)o.Offset.TotalMinutes : (short)0,
            TraceLength = traceLength,
        };
        if (service is not null)
        {
            _services.Add(service);
        }

        Count++;
        MessageBytes += length;
        RedactedBy = null;
    }

    private int NameId(string? name)
    {
        if (name is null)
        {
            return -1;
        }

        if (!_nameIds.TryGetValue(name, out var id))
        {
            id = _names.Count;
            _names.Add(name);
            _nameIds.Add(name, id);
        }

        return id;
    }

    private LogEntry Decode(in Slot slot) => new(
        slot.DateTicks == NoTime ? null : new DateTimeOffset(slot.DateTicks, TimeSpan.FromMinutes(slot.OffsetMinutes)),
        slot.Service < 0 ? null : _names[slot.Service],
        slot.Level < 0 ? null : _names[slot.Level],
        Encoding.UTF8.GetString(_pages[slot.Page], slot.Offset, slot.Length),
        slot.TraceLength < 0 ? null : Encoding.UTF8.GetString(_pages[slot.Page], slot.Offset + slot.Length, slot.TraceLength));

    private struct Slot
    {
        public long DateTicks;
        public int Page;
        public int Offset;
        public int Length;
        public int Service;
        public int Level;
        public short OffsetMinutes;
        public short TraceLength;
    }
}
