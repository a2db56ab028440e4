using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>Issue 16: a string-bloom field's optional <c>"grams"</c> (skip-grams added to its fragment).</summary>
public class GramsOptionTests
{
    private const string WithSkipgrams = """{ "id": "given", "kind": "string-bloom", "source": "given_name", "grams": ["bigram", "skipgram"] }""";

    [Fact]
    public void Without_it_a_field_has_bigrams_only()
    {
        var field = ScoringSchemaText.Parse("").Scoring!.Fields[0];

        Assert.Equal(StringGrams.Bigram, field.Grams);
    }

    [Fact]
    public void It_is_read_as_the_gram_kinds_listed()
    {
        Assert.Equal(StringGrams.Bigram | StringGrams.Skipgram, ScoringSchemaText.Parse("", WithSkipgrams).Scoring!.Fields[0].Grams);
        Assert.Equal(StringGrams.Bigram, ScoringSchemaText.Parse("", WithSkipgrams.Replace(", \"skipgram\"", "", StringComparison.Ordinal)).Scoring!.Fields[0].Grams);
    }

    [Theory]
    [InlineData("""["skipgram"]""")]
    [InlineData("""["bigram", "bigram"]""")]
    [InlineData("""["bigram", "trigram"]""")]
    [InlineData("""[]""")]
    [InlineData("\"bigram\"")]
    public void A_list_that_is_not_distinct_known_kinds_with_bigram_is_refused_with_its_name(string value)
    {
        var field = $$"""{ "id": "given", "kind": "string-bloom", "source": "given_name", "grams": {{value}} }""";

        var e = Assert.Throws<MatchKeySchemaException>(() => ScoringSchemaText.Parse("", field));

        Assert.Contains("grams", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void It_is_refused_on_a_field_that_is_not_a_string_bloom_field()
    {
        const string field = """{ "id": "sex", "kind": "exact", "source": "sex", "grams": ["bigram"] }""";

        var e = Assert.Throws<MatchKeySchemaException>(() => ScoringSchemaText.Parse("", field));

        Assert.Contains("grams", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_fields_compared_crosswise_must_hold_the_same_grams()
    {
        const string family = """{ "id": "family", "kind": "string-bloom", "source": "family_name" }""";
        const string swap = """, "swap": ["given", "family"]""";

        Assert.NotNull(ScoringSchemaText.Parse(swap, WithSkipgrams + ", " + family.Replace(" }", """, "grams": ["bigram", "skipgram"] }""", StringComparison.Ordinal)).Scoring);
        var e = Assert.Throws<MatchKeySchemaException>(() => ScoringSchemaText.Parse(swap, WithSkipgrams + ", " + family));
        Assert.Contains("grams", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_person_schema_adds_skip_grams_to_the_names_and_the_place_only()
    {
        var both = StringGrams.Bigram | StringGrams.Skipgram;
        foreach (var field in MatchKeySchema.Default.Scoring!.Fields)
        {
            var expected = field.Id is "given" or "family" or "father" or "place" ? both : StringGrams.Bigram;
            Assert.Equal(expected, field.Grams);
        }

        Assert.All(MatchKeySchema.Vehicles.Scoring!.Fields, field => Assert.Equal(StringGrams.Bigram, field.Grams));
    }
}
