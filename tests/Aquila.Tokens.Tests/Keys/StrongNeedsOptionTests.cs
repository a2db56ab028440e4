using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>Issue 23: the scoring section's <c>"strong_needs"</c> option (fields that must agree for a strong stage-2 band).</summary>
public class StrongNeedsOptionTests
{
    private static MatchKeySchema Parse(string extra) => ScoringSchemaText.Parse(extra, ScoringSchemaText.GivenField + """
        , { "id": "sex", "kind": "exact", "source": "sex" }, { "id": "dob", "kind": "date", "source": "date_of_birth" }
        """);

    [Fact]
    public void Without_the_option_no_field_is_needed_as_for_the_person_schema()
    {
        Assert.Empty(Parse("").Scoring!.StrongNeeds);
        Assert.Empty(MatchKeySchema.Default.Scoring!.StrongNeeds);
    }

    [Fact]
    public void Field_ids_are_read_as_their_indexes()
    {
        Assert.Equal([1, 0], Parse(""", "strong_needs": ["sex", "given"] """).Scoring!.StrongNeeds);
    }

    [Fact]
    public void The_vehicle_schema_needs_the_vin_for_a_strong_stage_two_band()
    {
        var scoring = MatchKeySchema.Vehicles.Scoring!;

        Assert.Equal(["vin"], scoring.StrongNeeds.Select(f => scoring.Fields[f].Id));
    }

    [Theory]
    [InlineData("\"given\"")]
    [InlineData("[]")]
    [InlineData("[\"surname\"]")]
    [InlineData("[\"dob\"]")]
    [InlineData("[\"given\", \"given\"]")]
    [InlineData("[1]")]
    public void Another_value_is_refused_with_the_file_named(string value)
    {
        var error = Assert.Throws<MatchKeySchemaException>(() => Parse($$""", "strong_needs": {{value}} """)).Message;

        Assert.Contains("my-schema.json", error, StringComparison.Ordinal);
        Assert.Contains("\"scoring\".\"strong_needs\" must be a list of distinct string-bloom or exact field ids", error, StringComparison.Ordinal);
    }
}
