using System.Text;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

/// <summary>Issue 16: a block's own fanout cap (<c>"max_fanout"</c>), else the scoring section's <c>"max_block_fanout"</c>.</summary>
public class BlockFanoutTests
{
    private static MatchKeySchema Parse(string ownCap, string sectionCap = "") =>
        MatchKeySchema.Parse(Encoding.UTF8.GetBytes($$"""
            { "schema": "aquila-match-keys", "version": 1,
              "keys": [{ "id": "name_dob", "band": "strong", "fields": ["name", "dob"] }],
              "scoring": { "fields": [{{ScoringSchemaText.GivenField}}],
                           "blocks": [{ "id": "b_given", "parts": ["given"] {{ownCap}} }, { "id": "b_dob", "parts": ["dob"] }],
                           "bands": { {{ScoringSchemaText.Bands}} } {{sectionCap}} } }
            """), "my-schema.json");

    [Fact]
    public void A_block_without_its_own_cap_takes_the_section_s_and_one_with_it_keeps_its_own()
    {
        var scoring = Parse(""", "max_fanout": 3""", """, "max_block_fanout": 12""").Scoring!;

        Assert.Equal(3, scoring.BlockFanout(0));
        Assert.Equal(12, scoring.BlockFanout(1));
        Assert.Equal(12, scoring.BlockFanout(7)); // an index past the blocks (a posting whose block is unknown)
        Assert.Equal(3, scoring.BlockDefinitions[0].MaxFanout);
        Assert.Null(scoring.BlockDefinitions[1].MaxFanout);
    }

    [Fact]
    public void Without_any_cap_every_block_takes_the_default()
    {
        var scoring = Parse("").Scoring!;

        Assert.Equal(ScoringSpec.DefaultMaxBlockFanout, scoring.BlockFanout(0));
        Assert.Equal(ScoringSpec.DefaultMaxBlockFanout, scoring.BlockFanout(1));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("2.5")]
    [InlineData("\"few\"")]
    public void A_cap_that_is_not_a_whole_number_from_1_to_1000_is_refused_with_the_block_s_name(string value)
    {
        var e = Assert.Throws<MatchKeySchemaException>(() => Parse($""", "max_fanout": {value}"""));

        Assert.Contains("max_fanout", e.Message, StringComparison.Ordinal);
        Assert.Contains("b_given", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cap_changes_the_schema_hash()
    {
        Assert.NotEqual(Parse("").HashHex, Parse(""", "max_fanout": 3""").HashHex);
    }
}
