using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

/// <summary>Problems with the file as a whole throw <see cref="InputFormatException"/>.</summary>
public sealed class PersonRecordReaderFileErrorTests
{
    [Fact]
    public void An_empty_file_is_refused()
    {
        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open(""));

        Assert.Equal(CsvTestInput.SourceName, ex.SourceName);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_only_a_byte_order_mark_is_empty()
    {
        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open([0xEF, 0xBB, 0xBF]));

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_blank_lines_has_no_header()
    {
        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open("\r\n  \n\n"));

        Assert.Contains("no header row", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_record_id_column_is_refused_with_the_headers_found()
    {
        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open("ID,PREZIME,IME\n1,Ana,Iva\n"));

        Assert.Equal(1, ex.LineNumber);
        Assert.Contains("no column 'record_id'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("headers found: ID, PREZIME, IME", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_row_that_looks_like_data_is_not_echoed_in_the_message()
    {
        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open("Zqxwv,Yvonne,03.02.1980\n"));

        Assert.DoesNotContain("Zqxwv", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1980", ex.Message, StringComparison.Ordinal);
        Assert.Contains("looks like data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_header_is_refused_naming_the_columns()
    {
        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open("\nrecord_id,family_name,Family_Name\n"));

        Assert.Equal(2, ex.LineNumber);
        Assert.Contains("duplicate header 'Family_Name' (columns 2 and 3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_headers_may_repeat()
    {
        using var reader = CsvTestInput.Open("record_id,,\n1,,\n");

        Assert.Equal(["record_id", "", ""], reader.Headers);
    }

    [Fact]
    public void A_quoting_error_in_the_header_is_refused()
    {
        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open("record_id,\"family_name\n1,a\n"));

        Assert.Equal(1, ex.LineNumber);
    }

    [Fact]
    public void Invalid_utf8_names_the_line_and_suggests_the_windows_encodings()
    {
        byte[] bytes = [.. "record_id,family_name\n1,Ana\n2,Petrovi"u8, 0xE6, .. "\n3,Iva\n"u8];
        using var reader = CsvTestInput.Open(bytes);

        var first = reader.TryReadNext(out var record, out _);
        var ex = Assert.Throws<InputFormatException>(() => reader.TryReadNext(out _, out _));

        Assert.True(first);
        Assert.Equal("1", record?.RecordId);
        Assert.Equal(3, ex.LineNumber);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--encoding windows-1250", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--encoding windows-1251", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_far_into_the_file_is_reported_after_every_earlier_record()
    {
        var text = new StringBuilder("record_id,family_name\r\n");
        for (var i = 1; i <= 3000; i++)
        {
            text.Append(i).Append(",Šuškić\r\n");
        }

        byte[] bytes = [.. Encoding.UTF8.GetBytes(text.ToString()), .. "3001,"u8, 0xC0, 0xAF, .. "\r\n"u8];
        using var reader = CsvTestInput.Open(bytes);
        var read = 0;

        var ex = Assert.Throws<InputFormatException>(() =>
        {
            while (reader.TryReadNext(out _, out _))
            {
                read++;
            }
        });

        Assert.Equal(3002, ex.LineNumber);
        Assert.Equal(3000, read);
    }

    [Fact]
    public void Decoding_is_strict_even_when_given_a_lenient_encoding()
    {
        byte[] bytes = [.. "record_id\n"u8, 0xFF, .. "\n"u8];
        using var reader = new PersonRecordReader(new MemoryStream(bytes), "x.csv", ColumnMap.Default, Encoding.UTF8);

        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.ReadAll(reader));

        Assert.Equal(2, ex.LineNumber);
    }

    [Fact]
    public void Invalid_bytes_in_the_header_row_are_refused_when_the_reader_is_opened()
    {
        byte[] bytes = [.. "record_id,fam"u8, 0xE8, .. "\n1,a\n"u8];

        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open(bytes));

        Assert.Equal(1, ex.LineNumber);
    }

    [Fact]
    public void A_utf8_byte_order_mark_under_a_windows_encoding_is_refused_with_a_hint()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "record_id\n1\n"u8];

        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open(bytes, encoding: "windows-1250"));

        Assert.Contains("--encoding utf-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_file_is_refused()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("record_id\n1\n")).ToArray();

        var ex = Assert.Throws<InputFormatException>(() => CsvTestInput.Open(bytes));

        Assert.Contains("UTF-16", ex.Message, StringComparison.Ordinal);
    }
}
