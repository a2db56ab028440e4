using System.Text;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Dates;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Comparison;

/// <summary>Stage 2 on vehicle records (issue 23): features, blocks and vectors under the vehicle schema's scoring section.</summary>
public class VehicleComparisonTests
{
    private static readonly ScoringSpec Scoring = MatchKeySchema.Vehicles.Scoring!;

    private static VehicleRecord Vehicle(string? plate = "BG 123-AB", string? vin = "WVWZZZ1KZ8W123456", string? make = "Volkswagen",
        string? year = "2008", string? country = "SRB") => new()
    {
        RecordId = "1", PlateNumber = plate, RegistrationCountry = country, Vin = vin, Make = make, Model = "Golf", Colour = "crna",
        FirstRegistrationYear = year, SubjectCategory = "owner",
    };

    [Fact]
    public void The_vehicle_schema_declares_vin_plate_country_make_model_colour_and_year()
    {
        Assert.Equal(["vin", "plate", "country", "make", "model", "colour", "year"], Scoring.Fields.Select(f => f.Id));
        Assert.Equal((int)VehicleField.FirstRegistrationYear, Scoring.Fields.Single(f => f.Kind == ScoringFieldKind.Date).Source);
        Assert.Equal(["b_vin", "b_vin_tail", "b_vin_head_front", "b_vin_head_back", "b_plate", "b_plate_make"], Scoring.Blocks);
        // vin, plate, model (3 × 16), country, make, colour (3 × 4), year (5 × 4), presence (8 tags: 1 byte).
        Assert.Equal((3 * 16) + (3 * 4) + (5 * 4) + 1, Scoring.Layout.Length);
    }

    [Fact]
    public void Features_are_normalised_as_the_stage_1_fields_are()
    {
        var latin = ComparisonFeatures.Of(Vehicle(vin: "wvwzzz1kz8wi23456"));
        var cyrillic = ComparisonFeatures.Of(Vehicle(plate: "БГ 123-АБ", make: "Фолксваген", year: "15.03.2008", country: "СРБ"));

        Assert.Equal(RecordType.Vehicle, latin.Type);
        Assert.Equal("WVWZZZ1KZ8W123456", latin.Value(VehicleField.Vin));
        Assert.Equal(latin.Value(VehicleField.PlateNumber), cyrillic.Value(VehicleField.PlateNumber));
        Assert.Equal(latin.Value(VehicleField.Make), cyrillic.Value(VehicleField.Make));
        Assert.Equal(latin.Value(VehicleField.RegistrationCountry), cyrillic.Value(VehicleField.RegistrationCountry));
        Assert.Equal(new PartialDate(2008, 0, 0, DatePrecision.Year), cyrillic.Date);
    }

    [Fact]
    public void A_missing_make_is_read_from_the_vins_manufacturer_identifier()
    {
        var features = ComparisonFeatures.Of(Vehicle(make: null));

        Assert.Equal(ComparisonFeatures.Of(Vehicle()).Value(VehicleField.Make), features.Value(VehicleField.Make));
    }

    [Fact]
    public void A_vehicle_has_vin_vin_tail_vin_head_with_a_tail_quarter_plate_and_plate_make_blocks()
    {
        var blocks = new List<(string Id, string Value)>();

        CandidateBlocks.Collect(ComparisonFeatures.Of(Vehicle()), Scoring.BlockDefinitions, blocks);

        Assert.Equal(["b_vin", "b_vin_tail", "b_vin_head_front", "b_vin_head_back", "b_plate", "b_plate_make"], blocks.Select(b => b.Id));
        Assert.Equal("WVWZZZ1KZ8W123456", blocks[0].Value);
        Assert.Equal("8W123456", blocks[1].Value);
        Assert.Equal("WVWZZZ1K|8W12", blocks[2].Value);
        Assert.Equal("WVWZZZ1K|3456", blocks[3].Value);
    }

    [Theory]
    [InlineData("WVWZZZ1KZ8W123457")]
    [InlineData("WVWZZZ1KZ8W193456")]
    [InlineData("WVWZZZ1KZ9W123456")]
    [InlineData("WVWZZZ2KZ8W123456")]
    public void A_vin_with_one_wrong_character_anywhere_keeps_a_vin_block(string typo)
    {
        var blocks = new List<(string Id, string Value)>();
        var other = new List<(string Id, string Value)>();

        CandidateBlocks.Collect(ComparisonFeatures.Of(Vehicle(plate: null)), Scoring.BlockDefinitions, blocks);
        CandidateBlocks.Collect(ComparisonFeatures.Of(Vehicle(plate: null, vin: typo)), Scoring.BlockDefinitions, other);

        Assert.Contains(blocks.Intersect(other), b => b.Id.StartsWith("b_vin_", StringComparison.Ordinal));
    }

    [Fact]
    public void One_typo_in_a_vins_head_keeps_the_tail_block_and_a_missing_vin_keeps_the_plate_blocks()
    {
        var blocks = new List<(string Id, string Value)>();
        var other = new List<(string Id, string Value)>();

        CandidateBlocks.Collect(ComparisonFeatures.Of(Vehicle()), Scoring.BlockDefinitions, blocks);
        CandidateBlocks.Collect(ComparisonFeatures.Of(Vehicle(vin: "WVWZYZ1KZ8W123456")), Scoring.BlockDefinitions, other);
        Assert.Equal(["b_vin_tail", "b_plate", "b_plate_make"], blocks.Intersect(other).Select(b => b.Id));

        CandidateBlocks.Collect(ComparisonFeatures.Of(Vehicle(vin: null)), Scoring.BlockDefinitions, other);
        Assert.Equal(["b_plate", "b_plate_make"], other.Select(b => b.Id));
        Assert.Equal(2, blocks.Intersect(other).Count());
    }

    [Fact]
    public void The_writer_gives_a_vehicle_every_block_with_a_vector_of_the_vehicle_layout()
    {
        using var key = ProjectKey.Generate();
        using var writer = new RecordComparisonWriter(key, MatchKeySchema.Vehicles);
        var blocks = new List<BlockVector>();

        Assert.Equal(6, writer.Write(Vehicle(), blocks));

        Assert.All(blocks, b => Assert.Equal(Scoring.Layout.Length, b.Vector.Length));
        Assert.Equal([0, 1, 2, 3, 4, 5], blocks.Select(b => b.BlockIndex));
    }

    [Fact]
    public void The_writer_of_a_vehicle_schema_refuses_a_person_record_and_the_person_writer_a_vehicle()
    {
        using var key = ProjectKey.Generate();
        using var vehicles = new RecordComparisonWriter(key, MatchKeySchema.Vehicles);
        using var persons = new RecordComparisonWriter(key, MatchKeySchema.Default);

        Assert.Throws<ArgumentException>(() => vehicles.Write(new PersonRecord { RecordId = "1", FamilyName = "Petrović" }, []));
        Assert.Throws<ArgumentException>(() => persons.Write(Vehicle(), []));
    }

    [Theory]
    [InlineData("""{ "id": "given", "kind": "string-bloom", "source": "given_name" }""", "[{ \"id\": \"b\", \"parts\": [\"plate\"] }]",
        "\"source\" must name a vehicle field")]
    [InlineData("""{ "id": "year", "kind": "exact", "source": "first_registration_year" }""", "[{ \"id\": \"b\", \"parts\": [\"plate\"] }]",
        "a \"date\" field reads first_registration_year")]
    [InlineData("""{ "id": "vin", "kind": "string-bloom", "source": "vin" }""", "[{ \"id\": \"b\", \"parts\": [\"family\"] }]",
        "unknown part 'family' for vehicle records")]
    [InlineData("""{ "id": "vin", "kind": "string-bloom", "source": "vin" }""", "[{ \"id\": \"b\", \"parts\": [\"make\", \"year\"] }]",
        "a block needs a VIN, VIN serial or plate part, or the VIN's head with a quarter of its tail; make + year alone")]
    [InlineData("""{ "id": "vin", "kind": "string-bloom", "source": "vin" }""", "[{ \"id\": \"b\", \"parts\": [\"vin_head\"] }]",
        "vin_head alone")]
    public void A_vehicle_scoring_section_takes_vehicle_fields_and_parts_only(string field, string blocks, string expected)
    {
        var json = $$"""
            { "schema": "aquila-match-keys", "version": 1, "record_type": "vehicle",
              "keys": [{ "id": "vin", "band": "strong", "fields": ["vin"] }],
              "scoring": { "fields": [{{field}}], "blocks": {{blocks}}, "bands": { "strong": 0.99, "probable": 0.98, "possible": 0.97 } } }
            """;

        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Parse(Encoding.UTF8.GetBytes(json), "v.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
