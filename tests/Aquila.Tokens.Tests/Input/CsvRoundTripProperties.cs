using System.Text;
using Aquila.Tokens.Input;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Input;

/// <summary>Records written with RFC 4180 quoting read back with the same values and line numbers.</summary>
public sealed class CsvRoundTripProperties
{
    private static readonly string[] Pieces =
        ["a", "Z", "7", " ", ",", "\"", "\"\"", "\r", "\n", "\r\n", "\t", "Č", "ć", "đ", "Ж", "љ", "ë", "€", "😀", "x y"];

    private static readonly Gen<string?> Value =
        Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (5, Gen.ArrayOf(Gen.Elements(Pieces)).Select(parts => (string?)string.Concat(parts))));

    private static readonly Gen<string?[]> Row = Gen.ArrayOf(Value, PersonFieldNames.Count + 1);

    private static readonly Gen<Sample> Samples =
        from rows in Gen.ArrayOf(Row)
        from lineBreak in Gen.Elements("\n", "\r\n")
        from bytesPerRead in Gen.Elements(1, 2, 3, 7, 4096)
        select new Sample(rows, lineBreak, bytesPerRead);

    [FsCheck.Xunit.Property]
    public Property Written_records_read_back_with_the_same_values() =>
        Prop.ForAll(Samples.ToArbitrary(), sample =>
        {
            var (csv, expected) = Write(sample);
            using var reader = new PersonRecordReader(new TrickleStream(Encoding.UTF8.GetBytes(csv), sample.BytesPerRead), "p.csv",
                ColumnMap.Default, TextEncodings.Resolve(null));
            var (records, errors) = CsvTestInput.ReadAll(reader);
            return errors.Count == 0 && records.Count == expected.Count && records.Zip(expected).All(pair => Same(pair.First, pair.Second));
        });

    private static (string Csv, List<(string?[] Values, long Line)> Expected) Write(Sample sample)
    {
        var csv = new StringBuilder();
        var header = new List<string>();
        foreach (var field in PersonFieldNames.All)
        {
            header.Add(PersonFieldNames.CanonicalName(field));
        }

        header.Add("remarks");
        csv.Append(string.Join(',', header)).Append(sample.LineBreak);
        var expected = new List<(string?[], long)>();
        var line = 2L;
        for (var i = 0; i < sample.Rows.Length; i++)
        {
            var cells = (string?[])sample.Rows[i].Clone();
            cells[0] = $"{i}-{cells[0]}";
            var text = string.Join(',', cells.Select(Quote)) + sample.LineBreak;
            csv.Append(text);
            expected.Add((cells[..PersonFieldNames.Count].Select(Expect).ToArray(), line));
            line += LineBreaks(text);
        }

        return (csv.ToString(), expected);
    }

    private static bool Same(PersonRecord record, (string?[] Values, long Line) expected)
    {
        for (var f = 0; f < PersonFieldNames.Count; f++)
        {
            if (record.Get((PersonField)f) != expected.Values[f])
            {
                return false;
            }
        }

        return record.LineNumber == expected.Line;
    }

    /// <summary>RFC 4180: quote a value holding a comma, quote or line break, doubling the quotes inside.</summary>
    private static string Quote(string? value) =>
        value is null ? "" :
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value != value.Trim() ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" :
        value;

    private static string? Expect(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static long LineBreaks(string text)
    {
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    public sealed record Sample(string?[][] Rows, string LineBreak, int BytesPerRead);
}
