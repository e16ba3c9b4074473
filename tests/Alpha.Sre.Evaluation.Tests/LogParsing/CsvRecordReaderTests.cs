using Alpha.Sre.Evaluation.LogParsing;

namespace Alpha.Sre.Evaluation.Tests.LogParsing;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void ParseAll_QuotedCommasQuotesAndNewlines_AreKeptInTheField()
    {
        var records = CsvRecordReader.ParseAll("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3,4\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b, c", "say \"hi\"", "two\nlines"], records[0]);
        Assert.Equal(["1", "2", "3", "4"], records[1]);
    }

    [Fact]
    public void ParseAll_CrLfAndEmptyFields_AreRecordEndsAndEmptyStrings()
    {
        var records = CsvRecordReader.ParseAll("x,,z\r\n,,\r\nlast,\"\",");

        Assert.Equal(3, records.Count);
        Assert.Equal(["x", "", "z"], records[0]);
        Assert.Equal(["", "", ""], records[1]);
        Assert.Equal(["last", "", ""], records[2]);
    }

    [Fact]
    public void ParseAll_QuoteInsideUnquotedField_IsAnOrdinaryCharacter()
    {
        var records = CsvRecordReader.ParseAll("say \"hi\",ok\n");

        Assert.Equal(["say \"hi\"", "ok"], Assert.Single(records));
    }

    [Fact]
    public void Read_QuotedFieldSpanningLines_ReportsTheLineItStartedOn()
    {
        using var text = new StringReader("h1,h2\n\"a\nb\",c\nd,e\n");
        var reader = new CsvRecordReader(text);

        reader.Read();
        reader.Read();
        var startedOn = reader.RecordLine;
        reader.Read();

        Assert.Equal(2, startedOn);
        Assert.Equal(4, reader.RecordLine);
        Assert.Null(reader.Read());
    }

    [Fact]
    public void ParseAll_UnclosedQuote_Throws()
    {
        var error = Assert.Throws<FormatException>(() => CsvRecordReader.ParseAll("a,\"never closed\n"));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseAll_TextAfterClosingQuote_Throws()
    {
        Assert.Throws<FormatException>(() => CsvRecordReader.ParseAll("\"a\"b,c\n"));
    }
}
