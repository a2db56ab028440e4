using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>Issue 23: the scoring section's <c>"em_prior"</c> option (strength of the EM fit's prior, per schema).</summary>
public class EmPriorOptionTests
{
    private static MatchKeySchema Parse(string extra) => ScoringSchemaText.Parse(extra);

    [Fact]
    public void Without_the_option_the_fit_has_no_prior_as_for_the_person_schema()
    {
        Assert.Equal(0, Parse("").Scoring!.EmPriorShare);
        Assert.Equal(0, MatchKeySchema.Default.Scoring!.EmPriorShare);
    }

    [Fact]
    public void A_share_is_read_with_an_optional_why()
    {
        var scoring = Parse(""", "em_prior": { "share": 0.01, "why": "few non-matching candidates" } """).Scoring!;

        Assert.Equal(0.01, scoring.EmPriorShare);
    }

    [Fact]
    public void The_vehicle_schema_declares_a_prior()
    {
        Assert.InRange(MatchKeySchema.Vehicles.Scoring!.EmPriorShare, 0.0001, ScoringSpecParser.MaxEmPriorShare);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("{ }")]
    [InlineData("{ \"share\": 0 }")]
    [InlineData("{ \"share\": -0.1 }")]
    [InlineData("{ \"share\": 0.5 }")]
    [InlineData("{ \"share\": \"0.01\" }")]
    [InlineData("{ \"share\": 0.01, \"pairs\": 100 }")]
    public void Another_value_is_refused_with_the_file_and_the_range_named(string value)
    {
        var error = Assert.Throws<MatchKeySchemaException>(() => Parse($$""", "em_prior": {{value}} """)).Message;

        Assert.Contains("my-schema.json", error, StringComparison.Ordinal);
        Assert.Contains("\"scoring\".\"em_prior\" must be an object { \"share\": s } with 0 < s ≤ 0.1", error, StringComparison.Ordinal);
    }
}
