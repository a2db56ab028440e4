using Aquila.Tokens.Input;

namespace Aquila.Synthetic.Tests;

public class CsvRoundTripTests
{
    [Fact]
    public void Party_files_read_back_with_the_record_reader_without_a_single_error_and_with_the_same_values()
    {
        using var folder = new TempDirectory();
        var data = SixThousandPersons.Data;

        SyntheticDatasetWriter.Write(data, folder.Path);

        foreach (var party in data.Parties)
        {
            var expected = data.RecordsByParty[party];
            var path = folder.File(SyntheticDatasetWriter.PartyFileName(party));
            using var reader = new PersonRecordReader(File.OpenRead(path), path, ColumnMap.Default, TextEncodings.Resolve(null));
            var read = 0;
            var errors = 0;
            var mismatches = 0;
            while (reader.TryReadNext(out var record, out var error))
            {
                if (error is not null)
                {
                    errors++;
                    continue;
                }

                mismatches += SameValues(expected[read], record!) ? 0 : 1;
                read++;
            }

            Assert.Equal(0, errors);
            Assert.Equal(0, mismatches);
            Assert.Equal(expected.Count, read);
        }
    }

    [Fact]
    public void Party_files_start_with_the_canonical_header()
    {
        using var folder = new TempDirectory();

        SyntheticDatasetWriter.Write(SyntheticGenerator.Generate(new SynthOptions { Persons = 50 }), folder.Path);

        var firstLine = File.ReadLines(folder.File("RS.csv")).First();
        Assert.Equal(
            "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category",
            firstLine);
    }

    [Fact]
    public void Truth_and_variation_files_have_their_header_and_one_line_per_row()
    {
        using var folder = new TempDirectory();
        var data = SyntheticGenerator.Generate(new SynthOptions { Persons = 300, Seed = 5 });

        SyntheticDatasetWriter.Write(data, folder.Path);

        var truth = File.ReadAllLines(folder.File(SyntheticDatasetWriter.TruthFileName));
        var variations = File.ReadAllLines(folder.File(SyntheticDatasetWriter.VariationsFileName));
        Assert.Equal("person_id,party,record_id", truth[0]);
        Assert.Equal(data.Truth.Count + 1, truth.Length);
        Assert.Equal("party,record_id,person_id,variation", variations[0]);
        Assert.Equal(data.Variations.Count + 1, variations.Length);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Cells_are_quoted_as_RFC_4180_asks(string cell, string expected)
    {
        using var writer = new StringWriter();

        CsvText.WriteCell(writer, cell);

        Assert.Equal(expected, writer.ToString());
    }

    private static bool SameValues(PersonRecord a, PersonRecord b)
    {
        for (var f = 0; f < PersonFieldNames.Count; f++)
        {
            if (!string.Equals(a.Get((PersonField)f), b.Get((PersonField)f), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
