using System.Text;
using Alpha.Sre.Incidents;

namespace Alpha.Sre.Tests.Incidents;

public sealed class LogBookTests
{
    [Fact]
    public void Add_EntriesOfEveryShape_ReadBackEqual()
    {
        var entries = new[]
        {
            new LogEntry(null, null, null, "plain"),
            new LogEntry(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(5.5)), "api", "ERROR", "été 😀"),
            new LogEntry(DateTimeOffset.UnixEpoch, null, "WARN", ""),
            new LogEntry(null, "db", null, new string('y', 600_000)), // longer than a quarter page: a page of its own
            new LogEntry(null, "api", "INFO", "after the long one"),
            new LogEntry(null, "api", "INFO", "in a request", "4bf92f3577b34da6a3ce929d0e0e4736"),
            new LogEntry(null, null, null, "", ""),
        };
        var book = new LogBook();

        foreach (var entry in entries)
        {
            book.Add(entry);
        }

        Assert.Equal(entries, book.ToArray());
        Assert.Equal(entries[1].Timestamp!.Value.Offset, book[1].Timestamp!.Value.Offset);
        Assert.Equal(["api", "db"], book.Services.Order(StringComparer.Ordinal));
        Assert.Equal(entries.Sum(e => (long)Encoding.UTF8.GetByteCount(e.Message)), book.MessageBytes);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", book[5].TraceId);
        Assert.Null(book[4].TraceId);
    }

    [Fact]
    public void AddLine_ManyPagesOfLines_AllKeptInOrder()
    {
        var book = new LogBook();

        for (var i = 0; i < 100_000; i++)
        {
            book.AddLine(Encoding.UTF8.GetBytes($"line {i} of the book"));
        }

        var span = book.ReserveLine(100);
        "reserved"u8.CopyTo(span);
        book.CommitLine(8);
        book.AddLine("last"u8);

        Assert.Equal(100_002, book.Count);
        Assert.Equal("line 54321 of the book", book[54_321].Message);
        Assert.Equal("reserved", book[100_000].Message);
        Assert.Equal("last", book[^1].Message);
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => $"line {i} of the book"), book.Take(100_000).Select(e => e.Message));
    }

    [Fact]
    public void Indexer_OutOfRange_Throws()
    {
        var book = new LogBook();
        book.AddLine("one"u8);

        Assert.Throws<ArgumentOutOfRangeException>(() => book[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => book[-1]);
    }
}
