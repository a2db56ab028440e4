using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

public sealed class PersonRecordReaderTests
{
    [Fact]
    public void Every_canonical_column_is_read_into_its_field()
    {
        const string csv =
            "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n" +
            "A1,Petrović,Marko,Jovan,M,03.02.1980.,Niš,SRB,P1234567,0302980710025,suspect\n";

        var (records, errors) = CsvTestInput.ReadAll(csv);

        Assert.Empty(errors);
        var r = Assert.Single(records);
        Assert.Equal(
            ["A1", "Petrović", "Marko", "Jovan", "M", "03.02.1980.", "Niš", "SRB", "P1234567", "0302980710025", "suspect"],
            [r.RecordId, r.FamilyName, r.GivenName, r.FatherName, r.Sex, r.DateOfBirth, r.PlaceOfBirth, r.Nationality,
                r.DocumentNumber, r.NationalId, r.SubjectCategory]);
        Assert.Equal(2, r.LineNumber);
    }

    [Fact]
    public void Headers_match_case_insensitively_and_in_any_order_with_extra_columns_ignored()
    {
        const string csv = "Remarks, GIVEN_NAME ,Record_Id,unused\nx,Ana,7,y\n";

        var (records, _) = CsvTestInput.ReadAll(csv);

        var r = Assert.Single(records);
        Assert.Equal(("7", "Ana"), (r.RecordId, r.GivenName));
    }

    [Fact]
    public void Missing_columns_and_blank_cells_are_null_and_values_are_trimmed()
    {
        const string csv = "record_id,family_name,given_name\n  5 ,  ,\" Ana \"\n";

        var (records, _) = CsvTestInput.ReadAll(csv);

        var r = Assert.Single(records);
        Assert.Equal("5", r.RecordId);
        Assert.Null(r.FamilyName);
        Assert.Equal("Ana", r.GivenName);
        Assert.Null(r.DateOfBirth);
    }

    [Fact]
    public void A_short_row_leaves_the_missing_trailing_fields_null()
    {
        const string csv = "record_id,family_name,given_name\n5,Ilić\n";

        var (records, errors) = CsvTestInput.ReadAll(csv);

        Assert.Empty(errors);
        var r = Assert.Single(records);
        Assert.Equal(("Ilić", null), (r.FamilyName, r.GivenName));
    }

    [Fact]
    public void Quoted_values_keep_commas_doubled_quotes_and_line_breaks()
    {
        const string csv = "record_id,family_name,place_of_birth\r\n1,\"Kovač, \"\"Ivo\"\"\",\"Banja\r\nLuka\"\r\n";

        var (records, _) = CsvTestInput.ReadAll(csv);

        var r = Assert.Single(records);
        Assert.Equal("Kovač, \"Ivo\"", r.FamilyName);
        Assert.Equal("Banja\r\nLuka", r.PlaceOfBirth);
    }

    [Fact]
    public void Line_numbers_count_physical_lines_including_breaks_inside_quotes_and_blank_lines()
    {
        const string csv = "record_id,place_of_birth\n1,\"a\nb\nc\"\n\n2,x\r\n\r\n3,y\n";

        var outline = CsvTestInput.Outline(csv);

        Assert.Equal(["R:1@2", "R:2@6", "R:3@8"], outline);
    }

    [Fact]
    public void Blank_lines_rows_of_empty_cells_and_a_trailing_empty_line_are_skipped()
    {
        const string csv = "\n\nrecord_id,family_name\n\n1,A\n   \n,\n2,B\n\n";

        using var reader = CsvTestInput.Open(csv);
        var outline = CsvTestInput.Outline(reader);

        Assert.Equal(["R:1@5", "R:2@8"], outline);
        Assert.Equal(2, reader.RowsRead);
    }

    [Fact]
    public void The_last_row_may_end_without_a_line_break()
    {
        var outline = CsvTestInput.Outline("record_id\n1\n2");

        Assert.Equal(["R:1@2", "R:2@3"], outline);
    }

    [Fact]
    public void A_lone_carriage_return_ends_a_line()
    {
        var outline = CsvTestInput.Outline("record_id\r1\r2\r");

        Assert.Equal(["R:1@2", "R:2@3"], outline);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_first_header()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("record_id,family_name\n1,Đurić\n")).ToArray();

        using var reader = CsvTestInput.Open(bytes);
        var (records, _) = CsvTestInput.ReadAll(reader);

        Assert.Equal("record_id", reader.Headers[0]);
        Assert.Equal("Đurić", Assert.Single(records).FamilyName);
    }

    [Fact]
    public void White_space_around_a_quoted_value_is_allowed()
    {
        var (records, errors) = CsvTestInput.ReadAll("record_id,family_name\n1,  \"Ana, Maria\"  \n");

        Assert.Empty(errors);
        Assert.Equal("Ana, Maria", Assert.Single(records).FamilyName);
    }

    [Fact]
    public void A_column_map_names_the_source_headers()
    {
        var map = ColumnMap.Parse("""{"record_id": "ID", "family_name": "PREZIME", "given_name": "IME"}""", "map.json");

        var (records, _) = CsvTestInput.ReadAll("ID,PREZIME,IME,sex\n9,Marković,Ana,F\n", map);

        var r = Assert.Single(records);
        Assert.Equal(("9", "Marković", "Ana", "F"), (r.RecordId, r.FamilyName, r.GivenName, r.Sex));
    }

    [Fact]
    public void HasColumn_tells_which_fields_the_file_provides()
    {
        using var reader = CsvTestInput.Open("record_id,date_of_birth\n");

        Assert.True(reader.HasColumn(PersonField.DateOfBirth));
        Assert.False(reader.HasColumn(PersonField.FamilyName));
    }

    [Fact]
    public void Records_are_read_across_many_small_stream_reads()
    {
        var csv = new StringBuilder("record_id,family_name\r\n");
        for (var i = 0; i < 500; i++)
        {
            csv.Append(i).Append(",\"Šć\r\nЖ\"\r\n");
        }

        using var reader = new PersonRecordReader(new TrickleStream(Encoding.UTF8.GetBytes(csv.ToString()), 3), "t.csv",
            ColumnMap.Default, TextEncodings.Resolve("utf-8"));
        var (records, errors) = CsvTestInput.ReadAll(reader);

        Assert.Empty(errors);
        Assert.Equal(500, records.Count);
        Assert.All(records, r => Assert.Equal("Šć\r\nЖ", r.FamilyName));
        Assert.Equal(2 + (2 * 499), records[^1].LineNumber);
    }

    [Fact]
    public void Disposing_the_reader_closes_the_stream_unless_asked_to_leave_it_open()
    {
        var closed = new MemoryStream(Encoding.UTF8.GetBytes("record_id\n"));
        var open = new MemoryStream(Encoding.UTF8.GetBytes("record_id\n"));

        new PersonRecordReader(closed, "a", ColumnMap.Default, Encoding.UTF8).Dispose();
        new PersonRecordReader(open, "b", ColumnMap.Default, Encoding.UTF8, leaveOpen: true).Dispose();

        Assert.False(closed.CanRead);
        Assert.True(open.CanRead);
    }
}
