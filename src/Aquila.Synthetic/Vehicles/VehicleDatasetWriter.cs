using System.Text;

namespace Aquila.Synthetic.Vehicles;

/// <summary>
/// Writes a <see cref="SyntheticVehicleDataset"/> like <see cref="SyntheticDatasetWriter"/> writes persons: one CSV per
/// party with the canonical vehicle header, <c>truth.csv</c> (its person_id column holds the vehicle id, so
/// <c>aquila eval</c> reads it unchanged) and <c>variations.csv</c>.
/// </summary>
public static class VehicleDatasetWriter
{
    /// <summary>The header of the party files: the canonical vehicle fields.</summary>
    public const string PartyHeader = "record_id,plate_number,registration_country,vin,make,model,colour,first_registration_year,subject_category";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes the files; creates <paramref name="directory"/> when missing.</summary>
    public static void Write(SyntheticVehicleDataset data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        foreach (var party in data.Parties)
        {
            using var writer = Open(Path.Combine(directory, SyntheticDatasetWriter.PartyFileName(party)));
            writer.Write(PartyHeader + "\r\n");
            foreach (var r in data.RecordsByParty[party])
            {
                CsvText.WriteRow(writer, [r.RecordId, r.PlateNumber, r.RegistrationCountry, r.Vin, r.Make, r.Model, r.Colour,
                    r.FirstRegistrationYear, r.SubjectCategory]);
            }
        }

        using (var writer = Open(Path.Combine(directory, SyntheticDatasetWriter.TruthFileName)))
        {
            writer.Write("person_id,party,record_id\r\n");
            foreach (var row in data.Truth)
            {
                CsvText.WriteRow(writer, [row.PersonId, row.Party, row.RecordId]);
            }
        }

        using (var writer = Open(Path.Combine(directory, SyntheticDatasetWriter.VariationsFileName)))
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
