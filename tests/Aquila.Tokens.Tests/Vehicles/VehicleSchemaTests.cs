using System.Security.Cryptography;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Vehicles;

public sealed class VehicleSchemaTests
{
    [Fact]
    public void The_built_in_vehicle_schema_is_the_file_in_the_repository_and_names_the_vehicle_type()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.PathOf("src/Aquila.Tokens/Schema/vehicles-v1.json"));

        var schema = MatchKeySchema.Vehicles;

        Assert.Equal(SHA256.HashData(bytes), schema.Hash.ToArray());
        Assert.Equal(RecordType.Vehicle, schema.RecordType);
        Assert.Same(schema, MatchKeySchema.BuiltIn(RecordType.Vehicle));
        Assert.Equal(MatchBand.Strong, schema.Find("vin")!.Band);
    }

    [Fact]
    public void A_schema_without_a_record_type_is_a_person_schema() =>
        Assert.Equal(RecordType.Person, MatchKeySchema.Default.RecordType);

    [Theory]
    [InlineData("""{"id":"p","band":"possible","fields":["plate"]}""", "single-field key is only allowed for vin")]
    [InlineData("""{"id":"p","band":"possible","fields":["plate","registration_year"]}""", "plates are re-issued")]
    [InlineData("""{"id":"p","band":"strong","fields":["plate","make"]}""", "a strong key needs vin, or plate with registration_country")]
    [InlineData("""{"id":"p","band":"strong","fields":["vin_unverified"]}""", "a strong key needs vin")]
    [InlineData("""{"id":"p","band":"possible","fields":["make","registration_country"]}""", "needs vin, vin_unverified or plate")]
    [InlineData("""{"id":"p","band":"strong","fields":["national_id"]}""", "belongs to person records")]
    public void A_vehicle_schema_that_breaks_a_rule_is_refused_with_the_reason(string key, string expected)
    {
        var json = $$"""{"schema":"aquila-match-keys","version":1,"record_type":"vehicle","keys":[{{key}}]}""";

        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Parse(System.Text.Encoding.UTF8.GetBytes(json), "t"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_schema_may_not_use_vehicle_fields()
    {
        var json = """{"schema":"aquila-match-keys","version":1,"keys":[{"id":"v","band":"strong","fields":["vin"]}]}""";

        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Parse(System.Text.Encoding.UTF8.GetBytes(json), "t"));

        Assert.Contains("belongs to vehicle records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_record_type_is_refused()
    {
        var json = """{"schema":"aquila-match-keys","version":1,"record_type":"boat","keys":[{"id":"v","band":"strong","fields":["vin"]}]}""";

        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Parse(System.Text.Encoding.UTF8.GetBytes(json), "t"));

        Assert.Contains("\"record_type\" must be \"person\" or \"vehicle\"", error.Message, StringComparison.Ordinal);
    }
}
