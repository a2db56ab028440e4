using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

/// <summary>Problems with one row are returned as errors with their line, and reading goes on.</summary>
public sealed class PersonRecordReaderRowErrorTests
{
    [Fact]
    public void An_unterminated_quote_is_reported_where_the_field_starts_and_reading_resumes_on_the_next_line()
    {
        const string csv = "record_id,family_name\n1,Ana\n2,\"Petrović\n3,Marko\n4,Jovan\n";

        using var reader = CsvTestInput.Open(csv);
        var outline = CsvTestInput.Outline(reader);

        Assert.Equal(["R:1@2", "E:family_name@3", "R:3@4", "R:4@5"], outline);
    }

    [Fact]
    public void An_unterminated_quote_reason_says_the_quote_is_never_closed()
    {
        var (_, errors) = CsvTestInput.ReadAll("record_id,family_name\n1,\"Petrović\n");

        var error = Assert.Single(errors);
        Assert.Equal((CsvTestInput.SourceName, 2L, "family_name"), (error.SourceName, error.LineNumber, error.Field));
        Assert.Contains("never closed", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quoted_value_longer_than_the_limit_counts_as_unterminated_and_later_rows_are_recovered()
    {
        var csv = new StringBuilder("record_id,family_name\n1,\"Ana\n");
        for (var i = 2; i <= 40; i++)
        {
            csv.Append(i).Append(",Name").Append(i).Append('\n');
        }

        csv.Append("41,\"closed\"\n");
        using var reader = new PersonRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "big.csv",
            ColumnMap.Default, Encoding.UTF8, leaveOpen: false, maxQuotedLength: 100);
        var (records, errors) = CsvTestInput.ReadAll(reader);

        Assert.Equal(2, Assert.Single(errors).LineNumber);
        Assert.Equal(40, records.Count);
        Assert.Equal(("2", 3L), (records[0].RecordId, records[0].LineNumber));
        Assert.Equal(("41", 42L, "closed"), (records[^1].RecordId, records[^1].LineNumber, records[^1].FamilyName));
    }

    [Fact]
    public void An_overlong_quoted_value_without_line_breaks_skips_the_rest_of_its_line()
    {
        var csv = "record_id,family_name\n1,\"" + new string('x', 300) + "\n2,Ana\n";
        using var reader = new PersonRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "big.csv",
            ColumnMap.Default, Encoding.UTF8, leaveOpen: false, maxQuotedLength: 100);

        var outline = CsvTestInput.Outline(reader);

        Assert.Equal(["E:family_name@2", "R:2@3"], outline);
    }

    [Fact]
    public void An_overlong_row_is_skipped_to_the_end_of_its_line()
    {
        var csv = "record_id,family_name\n1," + new string('x', 2000) + "\n2,Ana\n3," + new string(',', 2000) + "\n4,Iva\n";
        using var reader = new PersonRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "long.csv",
            ColumnMap.Default, Encoding.UTF8, leaveOpen: false, maxQuotedLength: 100);

        var outline = CsvTestInput.Outline(reader);

        Assert.Equal(["E:@2", "R:2@3", "E:@4", "R:4@5"], outline);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_value_is_a_row_error_naming_the_column()
    {
        var (records, errors) = CsvTestInput.ReadAll("record_id,family_name\n1,Pet\"rović\n2,Ana\n");

        var error = Assert.Single(errors);
        Assert.Equal((2L, "family_name"), (error.LineNumber, error.Field));
        Assert.Contains("column 2 ('family_name')", error.Reason, StringComparison.Ordinal);
        Assert.Equal("2", Assert.Single(records).RecordId);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_a_row_error()
    {
        var outline = CsvTestInput.Outline("record_id,family_name\n1,\"Pet\"rović\n2,Ana\n");

        Assert.Equal(["E:family_name@2", "R:2@3"], outline);
    }

    [Fact]
    public void A_quote_problem_in_an_unmapped_column_has_no_field_name()
    {
        var (_, errors) = CsvTestInput.ReadAll("record_id,remarks\n1,a\"b\n");

        var error = Assert.Single(errors);
        Assert.Null(error.Field);
        Assert.Contains("column 2 ('remarks')", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_more_cells_than_headers_is_an_error()
    {
        var (records, errors) = CsvTestInput.ReadAll("record_id,family_name\n1,Ana,extra\n2,Iva\n");

        var error = Assert.Single(errors);
        Assert.Equal((2L, null), (error.LineNumber, error.Field));
        Assert.Equal("the row has 3 cells but the header has 2", error.Reason);
        Assert.Single(records);
    }

    [Fact]
    public void A_blank_record_id_is_an_error()
    {
        var (records, errors) = CsvTestInput.ReadAll("record_id,family_name\n1,Ana\n  ,Iva\n");

        var error = Assert.Single(errors);
        Assert.Equal((3L, "record_id", "record_id is blank"), (error.LineNumber, error.Field, error.Reason));
        Assert.Single(records);
    }

    [Fact]
    public void A_short_row_without_the_record_id_cell_is_an_error()
    {
        var (_, errors) = CsvTestInput.ReadAll("family_name,given_name,record_id\nIlić,Ana\n");

        var error = Assert.Single(errors);
        Assert.Equal((2L, "record_id"), (error.LineNumber, error.Field));
        Assert.Equal("record_id is missing (the row has only 2 cells)", error.Reason);
    }

    [Fact]
    public void A_duplicate_record_id_is_an_error_on_the_second_occurrence_naming_the_first_line()
    {
        var (records, errors) = CsvTestInput.ReadAll("record_id,family_name\nA7,Ana\nB1,Iva\n\n A7 ,Ena\n");

        var error = Assert.Single(errors);
        Assert.Equal((5L, "record_id"), (error.LineNumber, error.Field));
        Assert.Equal("duplicate record_id: the same record_id is on line 2", error.Reason);
        Assert.Equal(["A7", "B1"], records.Select(r => r.RecordId));
    }

    [Fact]
    public void Rejected_rows_count_as_rows_read()
    {
        using var reader = CsvTestInput.Open("record_id\n1\n1\n\"x\n");

        CsvTestInput.ReadAll(reader);

        Assert.Equal(3, reader.RowsRead);
    }

    [Fact]
    public void Error_reasons_never_contain_cell_values()
    {
        const string csv = "record_id,family_name,given_name\n" +
            "Q9Z1,Zqxwv\"Canary,Xyqz\n" +
            "Q9Z2,\"Zqxwv\"Canary,Xyqz\n" +
            "Q9Z3,Zqxwv,Xyqz,Wvut\n" +
            " ,Zqxwv,Xyqz\n" +
            "Q9Z5,Zqxwv,Xyqz\n" +
            "Q9Z5,Zqxwv,Xyqz\n" +
            "Q9Z7,\"Zqxwv\nCanary,Xyqz\n";

        var (_, errors) = CsvTestInput.ReadAll(csv);

        Assert.Equal(6, errors.Count);
        foreach (var error in errors)
        {
            foreach (var canary in new[] { "Q9Z", "Zqxwv", "Canary", "Xyqz", "Wvut" })
            {
                Assert.DoesNotContain(canary, error.ToString(), StringComparison.Ordinal);
            }
        }
    }
}
