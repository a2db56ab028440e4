using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>Issue 16: the scoring section's optional <c>"weak_dice"</c> (a sixth string level between partial and far).</summary>
public class WeakDiceTests
{
    [Fact]
    public void Without_it_string_fields_have_five_levels()
    {
        var schema = ScoringSchemaText.Parse("");

        Assert.Null(schema.Scoring!.WeakDice);
        Assert.Equal(5, ScoringSpecParser.LevelsOf(ScoringFieldKind.StringBloom));
    }

    [Fact]
    public void It_is_read_as_a_Dice_bound_and_gives_string_fields_six_levels()
    {
        var schema = ScoringSchemaText.Parse(""", "weak_dice": 0.45""");

        Assert.Equal(0.45, schema.Scoring!.WeakDice);
        Assert.Equal(6, ScoringSpecParser.LevelsOf(ScoringFieldKind.StringBloom, weakLevel: true));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.6")]
    [InlineData("0.9")]
    [InlineData("-0.5")]
    [InlineData("\"low\"")]
    public void A_bound_that_is_not_above_0_and_below_the_partial_level_is_refused_with_its_name(string value)
    {
        var e = Assert.Throws<MatchKeySchemaException>(() => ScoringSchemaText.Parse($""", "weak_dice": {value}"""));

        Assert.Contains("weak_dice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_it_a_string_field_s_starting_probabilities_need_six_levels()
    {
        const string fiveLevels = """{ "id": "given", "kind": "string-bloom", "source": "given_name", "m": [0.1, 0.6, 0.15, 0.08, 0.07], "u": [0.1, 0.02, 0.04, 0.1, 0.74] }""";
        const string sixLevels = """{ "id": "given", "kind": "string-bloom", "source": "given_name", "m": [0.1, 0.6, 0.15, 0.08, 0.03, 0.04], "u": [0.1, 0.02, 0.04, 0.1, 0.6, 0.14] }""";

        Assert.NotNull(ScoringSchemaText.Parse("", fiveLevels).Scoring);
        Assert.Throws<MatchKeySchemaException>(() => ScoringSchemaText.Parse(""", "weak_dice": 0.5""", fiveLevels));
        Assert.NotNull(ScoringSchemaText.Parse(""", "weak_dice": 0.5""", sixLevels).Scoring);
    }

    [Fact]
    public void The_built_in_person_schema_states_one_and_the_vehicle_schema_does_not()
    {
        Assert.Equal(0.5, MatchKeySchema.Default.Scoring!.WeakDice);
        Assert.Null(MatchKeySchema.Vehicles.Scoring!.WeakDice);
    }
}
