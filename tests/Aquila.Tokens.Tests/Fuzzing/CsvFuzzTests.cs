using System.Text;
using Aquila.Tokens.Input;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Fuzzing;

/// <summary>
/// Person CSV exports, generated from a grammar of awkward cells and mangled byte by byte: the reader either refuses
/// the file with an <see cref="InputFormatException"/> or returns, row by row, a record or a row error — never another
/// exception, never a hang, never a cell value in a message. 300 cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
public sealed class CsvFuzzTests
{
    // Planted in every data row so a message that quotes a cell is caught.
    private const string Canary = "Qzqxwvk";

    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private static readonly string Seed =
        Header + "\r\n"
        + $"R-1,{Canary}ović,Ана,\"Ma\"\"rko\",M,03.02.1980.,\"Novi Sad, RS\",RS,P{Canary}1,0302980710006,suspect\r\n"
        + $"R-2,\"{Canary}\nQ\",Đorđe,,m,1980-02-03,,BA,,,person_of_interest\n"
        + $"R-3,Krasniqi{Canary},Arben,Agim,F,/02/1980,Prishtinë,XK,,,\n"
        + "\n"
        + $"R-4,Хаџић{Canary},Емина,,Ж,31/12/1999,Скопје,MK,A1,,other\r\n";

    private static readonly string[] Encodings = ["utf-8", "utf-8", "windows-1250", "windows-1251"];

    [Fact]
    public void Mangled_and_generated_csv_is_read_row_by_row_or_refused_with_an_input_format_error()
    {
        var cases = Fuzz.Cases(300);
        var input =
            from source in Gen.Frequency(
                (2, Gen.Constant(Encoding.UTF8.GetBytes(Seed))),
                (1, Document().Select(Encoding.UTF8.GetBytes)))
            from mutate in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from mutations in Fuzz.Mutations()
            from encoding in Gen.Elements(Encodings)
            select (Bytes: mutate ? Fuzz.Apply(source, mutations) : source, Encoding: encoding);

        Fuzz.Check("CSV input", input, cases, c => ReadAll(c.Bytes, c.Encoding));
    }

    private static string ReadAll(byte[] bytes, string encodingName)
    {
        PersonRecordReader reader;
        try
        {
            reader = new PersonRecordReader(new MemoryStream(bytes), "fuzz.csv", ColumnMap.Default, TextEncodings.Resolve(encodingName));
        }
        catch (InputFormatException e)
        {
            Assert.Equal("fuzz.csv", e.SourceName);
            return "file refused";
        }

        using (reader)
        {
            long lastLine = 0, rows = 0, errors = 0;
            try
            {
                while (reader.TryReadNext(out var record, out var error))
                {
                    rows++;
                    Assert.True(rows <= bytes.Length, "more rows than bytes: the reader does not advance");
                    Assert.True(record is null != error is null, "exactly one of record and error");
                    var line = record?.LineNumber ?? error!.LineNumber;
                    Assert.True(line > lastLine, $"line {line} after line {lastLine}");
                    lastLine = line;
                    if (error is not null)
                    {
                        errors++;
                        Assert.DoesNotContain(Canary, error.Reason, StringComparison.Ordinal);
                        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
                    }
                }
            }
            catch (InputFormatException e)
            {
                // Invalid bytes part-way: named by line, never by content.
                Assert.DoesNotContain(Canary, e.Message, StringComparison.Ordinal);
                Assert.True(e.LineNumber is null or > 0);
                return "refused part-way";
            }

            return errors == 0 ? "all rows read" : "rows read, some row errors";
        }
    }

    // A header row (sometimes shuffled or short) and rows of awkward cells: quotes, separators, line breaks, Cyrillic, BOMs.
    private static Gen<string> Document()
    {
        var piece = Gen.Elements("", " ", "\"", "\"\"", ",", "\n", "\r\n", "\r", "Ана", "Đ", "ë", Canary, "12.03.1981.", "RS", "x", "\t", "\uFEFF", "\u0000");
        var cell = Gen.Choose(0, 5).SelectMany(n => piece.ArrayOf(n)).Select(parts => string.Concat(parts));
        var quotedCell = cell.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        var anyCell = Gen.Frequency((3, cell), (2, quotedCell));
        var row = Gen.Choose(0, 13).SelectMany(n => anyCell.ArrayOf(n)).Select(cells => string.Join(",", cells));
        var header = Gen.Frequency(
            (4, Gen.Constant(Header)),
            (1, Gen.Shuffle(Header.Split(',')).Select(h => string.Join(",", h))),
            (1, row));
        return header.SelectMany(h => Gen.Choose(0, 8).SelectMany(n => row.ArrayOf(n))
            .SelectMany(rows => Gen.Elements("\n", "\r\n").Select(nl => h + nl + string.Join(nl, rows))));
    }
}
