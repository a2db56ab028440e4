using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>Issue 16: the bands' optional <c>"possible_weight"</c> (the possible threshold follows each project's fit).</summary>
public class PossibleWeightTests
{
    private static MatchKeySchema Parse(string bands) =>
        ScoringSchemaText.Parse("", bands: """ "strong": 0.9999, "probable": 0.999, "possible": 0.9 """ + bands);

    [Fact]
    public void Without_it_the_possible_threshold_alone_decides()
    {
        Assert.Null(Parse("").Scoring!.PossibleWeight);
    }

    [Fact]
    public void It_is_read_in_bits()
    {
        Assert.Equal(8.5, Parse(""", "possible_weight": 8.5""").Scoring!.PossibleWeight);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("65")]
    [InlineData("\"high\"")]
    public void A_weight_that_is_not_positive_or_past_64_bits_is_refused_with_its_name(string value)
    {
        var e = Assert.Throws<MatchKeySchemaException>(() => Parse($""", "possible_weight": {value}"""));

        Assert.Contains("possible_weight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_person_schema_states_none_since_its_fit_has_a_related_class()
    {
        // The option stays for schemas whose fit has no related-persons class; the person schema bands at one possible
        // posterior (docs/matching.md, "The possible band's operating point under the three-class fit").
        var scoring = MatchKeySchema.Default.Scoring!;

        Assert.Null(scoring.PossibleWeight);
        Assert.Equal(0.8, scoring.PossibleThreshold);
    }
}
