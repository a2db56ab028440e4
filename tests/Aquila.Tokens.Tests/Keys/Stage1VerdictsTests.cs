using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>Issue 23: the scoring section's <c>"stage1"</c> option (which stage-1 hits are released on their key's word).</summary>
public class Stage1VerdictsTests
{
    private static MatchKeySchema Parse(string extra) => ScoringSchemaText.Parse(extra);

    [Fact]
    public void Without_the_option_every_stage_one_band_is_final()
    {
        var scoring = Parse("").Scoring!;

        Assert.Equal(Stage1Verdicts.AllBands, scoring.Stage1);
        Assert.False(scoring.HoldsStage1(MatchBand.Possible));
    }

    [Fact]
    public void The_built_in_person_schema_holds_stage_one_hits_below_strong_for_their_score()
    {
        Assert.Equal(Stage1Verdicts.StrongOnly, MatchKeySchema.Default.Scoring!.Stage1);
    }

    [Fact]
    public void Strong_only_holds_the_bands_below_strong()
    {
        var scoring = Parse(""", "stage1": "strong-only" """).Scoring!;

        Assert.Equal(Stage1Verdicts.StrongOnly, scoring.Stage1);
        Assert.True(scoring.HoldsStage1(MatchBand.Probable));
        Assert.True(scoring.HoldsStage1(MatchBand.Possible));
        Assert.False(scoring.HoldsStage1(MatchBand.Strong));
        Assert.Equal(Stage1Verdicts.AllBands, Parse(""", "stage1": "all-bands" """).Scoring!.Stage1);
    }

    [Fact]
    public void The_vehicle_schema_holds_its_plate_keys_for_stage_two()
    {
        var vehicles = MatchKeySchema.Vehicles;

        Assert.Equal(Stage1Verdicts.StrongOnly, vehicles.Scoring!.Stage1);
        Assert.Equal(["vin"], vehicles.Keys.Where(k => k.Band == MatchBand.Strong).Select(k => k.Id));
    }

    [Theory]
    [InlineData("\"strong\"")]
    [InlineData("true")]
    [InlineData("\"\"")]
    public void Another_value_is_refused_with_the_file_and_the_choices_named(string value)
    {
        var error = Assert.Throws<MatchKeySchemaException>(() => Parse($$""", "stage1": {{value}} """)).Message;

        Assert.Contains("my-schema.json", error, StringComparison.Ordinal);
        Assert.Contains("\"scoring\".\"stage1\" must be \"all-bands\"", error, StringComparison.Ordinal);
        Assert.Contains("\"strong-only\"", error, StringComparison.Ordinal);
    }
}
