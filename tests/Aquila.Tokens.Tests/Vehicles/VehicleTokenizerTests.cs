using System.Text;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Vehicles;

public sealed class VehicleTokenizerTests
{
    private static readonly ProjectKey Key = ProjectKey.FromBytes(new byte[32]);

    private static VehicleRecord Vehicle(string? plate = null, string? country = null, string? vin = null, string? make = null,
        string? year = null) => new()
        {
            RecordId = "V1",
            PlateNumber = plate,
            RegistrationCountry = country,
            Vin = vin,
            Make = make,
            FirstRegistrationYear = year,
            SubjectCategory = "suspect",
        };

    private static Dictionary<string, HashSet<string>> Tokens(VehicleRecord record)
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Vehicles, Key);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        var outcome = tokenizer.Tokenize(record, entries);
        var result = new Dictionary<string, HashSet<string>>();
        for (var i = 0; i < outcome.TokenCount; i++)
        {
            var entry = entries.AsSpan(i * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength);
            var id = MatchKeySchema.Vehicles.Keys[entry[0]].Id;
            if (!result.TryGetValue(id, out var set))
            {
                result[id] = set = [];
            }

            set.Add(Convert.ToHexStringLower(entry[1..]));
        }

        return result;
    }

    [Fact]
    public void A_Cyrillic_record_and_a_Latin_record_of_one_vehicle_share_the_plate_and_VIN_tokens()
    {
        var latin = Tokens(Vehicle("BG 123-AB", "SRB", "WVWZZZ1JZXW000001", "VW", "2012"));
        var cyrillic = Tokens(Vehicle("БГ 123 АБ", "СРБ", "WVWZZZIJZXWOOOOO1", "Фолксваген", "15.03.2012"));

        Assert.Equal(latin["vin"], cyrillic["vin"]);
        Assert.Equal(latin["plate_country_make_year"], cyrillic["plate_country_make_year"]);
        Assert.Equal(latin["plate_make_year"], cyrillic["plate_make_year"]);
    }

    [Fact]
    public void The_make_comes_from_the_VIN_when_the_make_field_is_missing()
    {
        var withMake = Tokens(Vehicle("BG 123-AB", "RS", make: "Volkswagen"));
        var fromVin = Tokens(Vehicle("BG 123-AB", "RS", "WVWZZZ1JZXW000001"));

        Assert.True(withMake["plate_country_make"].Overlaps(fromVin["plate_country_make"]));
    }

    [Fact]
    public void A_North_American_VIN_whose_check_digit_fails_gives_only_the_unverified_key()
    {
        var tokens = Tokens(Vehicle(vin: "1HGCM82643A004352"));

        Assert.Equal(["vin_unverified"], tokens.Keys);
    }

    [Fact]
    public void A_plate_alone_makes_no_token_and_the_record_is_rejected()
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Vehicles, Key);

        var outcome = tokenizer.Tokenize(Vehicle("BG 123-AB"), new byte[RecordTokenizer.MaxEntryBytes]);

        Assert.False(outcome.Success);
        Assert.Contains("a VIN, or a plate with its country or make", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vehicle_record_under_a_person_schema_is_refused()
    {
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Default, Key);

        Assert.Throws<ArgumentException>(() => tokenizer.Tokenize(Vehicle("BG 123-AB", "RS"), new byte[RecordTokenizer.MaxEntryBytes]));
    }

    [Fact]
    public void The_reader_takes_vehicle_columns_through_a_vehicle_column_map()
    {
        var map = ColumnMap.Parse("""{"record_id": "ID", "plate_number": "TABLICE", "vin": "BROJ_SASIJE"}""", "map.json");
        var csv = "ID,TABLICE,BROJ_SASIJE,registration_country,subject_category\nV1,BG 123-AB,WVWZZZ1JZXW000001,SRB,suspect\n";

        using var reader = RecordReaders.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "v.csv", map, Encoding.UTF8, RecordType.Vehicle);
        Assert.True(reader.TryReadNext(out var record, out var error));

        Assert.Null(error);
        var vehicle = Assert.IsType<VehicleRecord>(record);
        Assert.Equal(("BG 123-AB", "WVWZZZ1JZXW000001", "SRB"), (vehicle.PlateNumber, vehicle.Vin, vehicle.RegistrationCountry));
        Assert.True(map.Fits(RecordType.Vehicle));
        Assert.False(map.Fits(RecordType.Person));
    }

    [Fact]
    public void A_person_column_map_is_refused_for_vehicle_records()
    {
        var map = ColumnMap.Parse("""{"family_name": "PREZIME"}""", "map.json");

        var error = Assert.Throws<InputFormatException>(() =>
            RecordReaders.Open(new MemoryStream("record_id\nV1\n"u8.ToArray()), "v.csv", map, Encoding.UTF8, RecordType.Vehicle));

        Assert.Contains("vehicle records do not have", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_map_that_mixes_person_and_vehicle_fields_is_refused()
    {
        var error = Assert.Throws<ColumnMapException>(() =>
            ColumnMap.Parse("""{"family_name": "PREZIME", "vin": "VIN"}""", "map.json"));

        Assert.Contains("more than one record type", error.Message, StringComparison.Ordinal);
    }
}
