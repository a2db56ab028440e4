using System.Text;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

public class ScoringSpecTests
{
    private const string Keys = """[{ "id": "name_dob", "band": "strong", "fields": ["name", "dob"] }]""";

    private const string Fields = """
        [{ "id": "given", "kind": "string-bloom", "source": "given_name" },
         { "id": "family", "kind": "string-bloom", "source": "family_name" },
         { "id": "dob", "kind": "date", "source": "date_of_birth" }]
        """;

    private const string Blocks = """[{ "id": "b_family", "parts": ["family_skeleton"] }]""";

    private const string Bands = """{ "strong": 0.9999, "probable": 0.999, "possible": 0.95 }""";

    private static MatchKeySchema Parse(string fields = Fields, string blocks = Blocks, string extra = "") =>
        MatchKeySchema.Parse(Encoding.UTF8.GetBytes($$"""
            { "schema": "aquila-match-keys", "version": 1, "keys": {{Keys}},
              "scoring": { "fields": {{fields}}, "blocks": {{blocks}}, "bands": {{Bands}} {{extra}} } }
            """), "my-schema.json");

    private static string Error(string fields = Fields, string blocks = Blocks, string extra = "") =>
        Assert.Throws<MatchKeySchemaException>(() => Parse(fields, blocks, extra)).Message;

    [Fact]
    public void The_built_in_schema_declares_its_comparison_fields_and_blocks()
    {
        var scoring = MatchKeySchema.Default.Scoring!;

        Assert.Equal(["given", "family", "father", "place", "dob", "sex", "national_id", "document", "street", "locality", "postcode"],
            scoring.Fields.Select(f => f.Id));
        Assert.Equal((0, 1), scoring.Layout.Swappable);
        Assert.Equal([0, 1, 2], Assert.Single(scoring.Joint));
        Assert.Equal(scoring.Blocks, scoring.BlockDefinitions.Select(b => b.Id));
        Assert.Equal([BlockPart.FamilySkeleton, BlockPart.Year], scoring.BlockDefinitions[scoring.IndexOf("b_family_year")].Parts);
    }

    [Fact]
    public void A_schema_can_declare_its_own_fields_and_the_vector_follows_them()
    {
        var schema = Parse(Fields.Replace("]", """, { "id": "zip", "kind": "exact", "source": "postcode" }]""", StringComparison.Ordinal),
            extra: """, "swap": ["given", "family"]""");

        var layout = schema.Scoring!.Layout;
        Assert.Equal(["given", "family", "dob", "zip"], layout.Fields.Select(f => f.Id));
        Assert.Equal((int)PersonField.Postcode, layout.Fields[3].Source);
        Assert.Equal((2 * 16) + (6 * 4) + 1, layout.Length);
    }

    [Theory]
    [InlineData("""[{ "id": "x", "kind": "fuzzy", "source": "given_name" }]""", "\"kind\" must be one of string-bloom, date, exact")]
    [InlineData("""[{ "id": "x", "kind": "exact", "source": "shoe_size" }]""", "\"source\" must name a person field")]
    [InlineData("""[{ "id": "x", "kind": "exact", "source": "record_id" }]""", "\"source\" must name a person field")]
    [InlineData("""[{ "id": "x", "kind": "date", "source": "given_name" }]""", "a \"date\" field reads date_of_birth")]
    [InlineData("""[{ "id": "x", "kind": "exact", "source": "date_of_birth" }]""", "a \"date\" field reads date_of_birth")]
    [InlineData("""[{ "id": "X Y", "kind": "exact", "source": "sex" }]""", "\"id\" must be a lowercase name")]
    [InlineData("""[{ "id": "x", "kind": "exact", "source": "sex" }, { "id": "x", "kind": "exact", "source": "sex" }]""", "field 'x' appears twice")]
    [InlineData("[]", "\"scoring\".\"fields\" must be an array of 1 to 16")]
    [InlineData("""[{ "id": "x", "kind": "exact", "source": "sex", "m": [0.1, 0.9], "u": [0.1, 0.4, 0.5] }]""", "\"m\" must hold 3 probabilities")]
    [InlineData("""[{ "id": "x", "kind": "exact", "source": "sex", "m": [0.1, 0.8, 0.1] }]""", "give both \"m\" and \"u\"")]
    public void A_bad_field_is_refused_with_the_file_and_the_entry_named(string fields, string expected)
    {
        var message = Error(fields: fields);

        Assert.Contains("my-schema.json", message, StringComparison.Ordinal);
        Assert.Contains("\"scoring\".\"fields\"", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{ "id": "b_sex", "parts": ["sex"] }]""", "a block needs a name, identifier or full-date part; sex alone")]
    [InlineData("""[{ "id": "b_year_place", "parts": ["year", "place"] }]""", "year + place alone")]
    [InlineData("""[{ "id": "b_post", "parts": ["postcode", "initials"] }]""", "postcode + initials alone")]
    [InlineData("""[{ "id": "b_x", "parts": ["family", "shoe"] }]""", "unknown part 'shoe'")]
    [InlineData("""[{ "id": "b_x", "parts": ["family", "family"] }]""", "part 'family' appears twice")]
    [InlineData("""[{ "id": "b_x", "parts": [] }]""", "\"parts\" must be a non-empty array")]
    [InlineData("""[{ "id": "b_x", "parts": ["family"] }, { "id": "b_x", "parts": ["given"] }]""", "block 'b_x' appears twice")]
    [InlineData("""["b_family"]""", "\"id\" must be a lowercase name")]
    public void A_bad_block_is_refused_with_the_file_and_the_entry_named(string blocks, string expected)
    {
        var message = Error(blocks: blocks);

        Assert.Contains("my-schema.json", message, StringComparison.Ordinal);
        Assert.Contains("\"scoring\".\"blocks\"", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[["given"]]""", "a joint group names 2 or 3 comparison fields")]
    [InlineData("""[["given", "shoe"]]""", "'shoe' is not a field")]
    [InlineData("""[["given", "family"], ["family", "dob"]]""", "field 'family' is already in a joint group")]
    public void A_bad_joint_group_is_refused_with_the_entry_named(string joint, string expected)
    {
        var message = Error(extra: $$""", "joint": {{joint}}""");

        Assert.Contains("my-schema.json", message, StringComparison.Ordinal);
        Assert.Contains("\"scoring\".\"joint\"", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""["given", "dob"]""")]
    [InlineData("""["given", "given"]""")]
    [InlineData("""["given"]""")]
    public void Swap_must_name_two_different_string_fields(string swap)
    {
        var message = Error(extra: $$""", "swap": {{swap}}""");

        Assert.Contains("\"scoring\".\"swap\"", message, StringComparison.Ordinal);
    }
}
