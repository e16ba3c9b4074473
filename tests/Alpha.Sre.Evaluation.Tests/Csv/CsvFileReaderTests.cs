using Alpha.Sre.Evaluation.Csv;

namespace Alpha.Sre.Evaluation.Tests.Csv;

public sealed class CsvFileReaderTests
{
    [Fact]
    public void Read_QuotedCommasQuotesAndNewlines_AreKeptInTheField()
    {
        var (rows, skipped) = ReadAll("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,2,3,4\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["a", "b, c", "say \"hi\"", "two\nlines"], rows[0].Cells);
        Assert.Equal(["1", "2", "3", "4"], rows[1].Cells);
        Assert.Equal(0, skipped.Count);
    }

    [Fact]
    public void Read_CrLfEmptyFieldsAndBlankLines_AreRecordEndsEmptyStringsAndNothing()
    {
        var (rows, _) = ReadAll("x,,z\r\n,,\r\n\r\nlast,\"\",");

        Assert.Equal([["x", "", "z"], ["", "", ""], ["last", "", ""]], rows.Select(r => r.Cells));
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_IsAnOrdinaryCharacter()
    {
        var (rows, _) = ReadAll("say \"hi\",ok\n");

        Assert.Equal(["say \"hi\"", "ok"], Assert.Single(rows).Cells);
    }

    [Fact]
    public void Read_QuotedFieldSpanningLines_ReportsTheLineItStartedOn()
    {
        var (rows, _) = ReadAll("h1,h2\n\"a\nb\",c\nd,e\n");

        Assert.Equal([1L, 2L, 4L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Read_TextAfterClosingQuote_SkipsThatLineOnlyAndRecordsIt()
    {
        // Shaped like nezha-tt rca_data/2023-01-29/log/10_06_log.csv line 631: a record whose quoted field is
        // followed by the tail of another record, leaving an odd number of quotes on the line.
        var text = "t,pod,log\n" +
                   "1,a,\"{\"\"log\"\":\"\"ok\"\"}\"\n" +
                   "2,b,\"{\"\"log\"\":\"\"x\"\"}\"ulate\"\",\"\"time\"\":\"\"z\"\"}\"\n" +
                   "3,c,\"{\"\"log\"\":\"\"fine\"\"}\"\n" +
                   "4,d,plain\n";

        var (rows, skipped) = ReadAll(text);

        Assert.Equal(["t", "1", "3", "4"], rows.Select(r => r.Cells[0]));
        Assert.Equal("{\"log\":\"fine\"}", rows[2].Cells[2]);
        var bad = Assert.Single(skipped.Rows);
        Assert.Equal(3, bad.Line);
        Assert.Equal("test.csv", bad.File);
        Assert.Contains("closing quote", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_SkipsTheRowWithItsLine()
    {
        var (rows, skipped) = ReadAll("a,b\n1,\"never closed\n");

        Assert.Single(rows);
        Assert.Equal(2, Assert.Single(skipped.Rows).Line);
    }

    [Fact]
    public void Read_RequiredWidth_SkipsShorterAndLongerRows()
    {
        var skipped = new CsvSkipLog();
        using var csv = CsvFileReader.FromText("a,b\n1,2\n3\n4,5,6\n7,8\n", "w.csv", skipped);
        csv.RequiredWidth = 2;
        var kept = new List<string>();
        while (csv.Read())
        {
            kept.Add(csv.Text(0));
        }

        Assert.Equal(["a", "1", "7"], kept);
        Assert.Equal([3L, 4L], skipped.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Number_NumbersBlanksAndText_ParseOrGiveNaN()
    {
        using var csv = CsvFileReader.FromText(" 1.5 ,\"2e3\",,x\n", "n.csv", new CsvSkipLog());
        Assert.True(csv.Read());

        Assert.Equal(1.5, csv.Number(0));
        Assert.Equal(2000, csv.Number(1));
        Assert.True(double.IsNaN(csv.Number(2)));
        Assert.True(double.IsNaN(csv.Number(3)));
        Assert.True(double.IsNaN(csv.Number(9)));
    }

    [Fact]
    public void Add_SameFileAndLineTwice_CountsOnce()
    {
        var log = new CsvSkipLog();

        log.Add("f", 3, "x");
        log.Add("f", 3, "x");
        log.Add("g", 3, "x");

        Assert.Equal(2, log.Count);
    }

    private static (List<(long Line, string[] Cells)> Rows, CsvSkipLog Skipped) ReadAll(string text)
    {
        var skipped = new CsvSkipLog();
        using var csv = CsvFileReader.FromText(text, "test.csv", skipped);
        var rows = new List<(long, string[])>();
        while (csv.Read())
        {
            rows.Add((csv.Line, csv.Texts()));
        }

        return (rows, skipped);
    }
}
