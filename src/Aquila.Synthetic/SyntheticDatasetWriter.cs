using System.Text;

namespace Aquila.Synthetic;

/// <summary>
/// Writes a <see cref="SyntheticDataset"/> to a directory: one canonical CSV per party (<c>RS.csv</c> …),
/// <c>truth.csv</c> (person_id,party,record_id) and <c>variations.csv</c> (party,record_id,person_id,variation).
/// UTF-8 without byte order mark, RFC 4180 quoting, CRLF line ends. Existing files of those names are replaced.
/// </summary>
public static class SyntheticDatasetWriter
{
    /// <summary>The header of the party files, exactly as the canonical CSV has it.</summary>
    public const string PartyHeader =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    /// <summary>The name of the truth file.</summary>
    public const string TruthFileName = "truth.csv";

    /// <summary>The name of the variation log.</summary>
    public const string VariationsFileName = "variations.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file name of <paramref name="party"/>'s records.</summary>
    public static string PartyFileName(string party) => party + ".csv";

    /// <summary>Writes the files; creates <paramref name="directory"/> when missing.</summary>
    public static void Write(SyntheticDataset data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        foreach (var party in data.Parties)
        {
            using var writer = Open(Path.Combine(directory, PartyFileName(party)));
            writer.Write(PartyHeader);
            writer.Write("\r\n");
            foreach (var r in data.RecordsByParty[party])
            {
                CsvText.WriteRow(writer, [
                    r.RecordId, r.FamilyName, r.GivenName, r.FatherName, r.Sex, r.DateOfBirth, r.PlaceOfBirth,
                    r.Nationality, r.DocumentNumber, r.NationalId, r.SubjectCategory]);
            }
        }

        using (var writer = Open(Path.Combine(directory, TruthFileName)))
        {
            writer.Write("person_id,party,record_id\r\n");
            foreach (var row in data.Truth)
            {
                CsvText.WriteRow(writer, [row.PersonId, row.Party, row.RecordId]);
            }
        }

        using (var writer = Open(Path.Combine(directory, VariationsFileName)))
        {
            writer.Write("party,record_id,person_id,variation\r\n");
            foreach (var row in data.Variations)
            {
                CsvText.WriteRow(writer, [row.Party, row.RecordId, row.PersonId, row.Variation]);
            }
        }
    }

    private static StreamWriter Open(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), Utf8, 1 << 16);
}
