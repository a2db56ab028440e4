using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Keys;

public class MatchKeySchemaTests
{
    [Fact]
    public void The_built_in_schema_is_the_file_in_the_repository_and_its_hash_is_its_identity()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.PathOf("src/Aquila.Tokens/Schema/match-keys-v1.json"));

        var schema = MatchKeySchema.Default;

        Assert.Equal(SHA256.HashData(bytes), schema.Hash.ToArray());
        Assert.Equal(1, schema.Version);
        Assert.Equal("nid", schema.Keys[0].Id);
        Assert.All(schema.Keys, k => Assert.Equal(k, schema.Keys[k.Index]));
    }

    [Fact]
    public void Any_byte_change_gives_another_identity()
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.PathOf("src/Aquila.Tokens/Schema/match-keys-v1.json"));
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"version\": 1", "\"version\":  1", StringComparison.Ordinal));

        var schema = MatchKeySchema.Parse(changed, "changed");

        Assert.NotEqual(MatchKeySchema.Default.HashHex, schema.HashHex);
    }

    [Theory]
    [InlineData("""{"id":"family_only","band":"possible","fields":["family"]}""", "single-field")]
    [InlineData("""{"id":"doc_only","band":"strong","fields":["document_number"]}""", "single-field")]
    [InlineData("""{"id":"name_place","band":"possible","fields":["name","place"]}""", "must include dob or birth_year")]
    [InlineData("""{"id":"sex_year","band":"possible","fields":["sex","birth_year"]}""", "needs a name field")]
    [InlineData("""{"id":"twins","band":"strong","fields":["family","father","dob"]}""", "twins and siblings")]
    [InlineData("""{"id":"x","band":"strong","fields":["name","shoe_size"]}""", "unknown field 'shoe_size'")]
    [InlineData("""{"id":"x","band":"certain","fields":["name","dob"]}""", "band must be")]
    [InlineData("""{"id":"Bad-Id","band":"strong","fields":["name","dob"]}""", "id must be")]
    [InlineData("""{"id":"x","band":"strong","fields":["name","dob","name"]}""", "appears twice")]
    public void A_schema_that_breaks_a_rule_is_refused_with_the_reason(string key, string expected)
    {
        var json = $$"""{"schema":"aquila-match-keys","version":1,"keys":[{{key}}]}""";

        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Parse(Encoding.UTF8.GetBytes(json), "test.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("test.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_refused_with_its_line()
    {
        var json = "{\n\"schema\": \"aquila-match-keys\",\n\"version\": 1,\n\"keys\": [ oops ]\n}";

        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Parse(Encoding.UTF8.GetBytes(json), "bad.json"));

        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_ids_are_refused()
    {
        var json = """{"schema":"aquila-match-keys","version":1,"keys":[{"id":"a","band":"strong","fields":["nid"]}]}"""
            .Replace("[\"nid\"]", "[\"national_id\"]", StringComparison.Ordinal)
            .Replace("}]}", "},{\"id\":\"a\",\"band\":\"strong\",\"fields\":[\"national_id\"]}]}", StringComparison.Ordinal);

        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Parse(Encoding.UTF8.GetBytes(json), "dup.json"));

        Assert.Contains("appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_schema_file_is_named_in_the_error()
    {
        var error = Assert.Throws<MatchKeySchemaException>(() => MatchKeySchema.Load("/nonexistent/schema.json"));

        Assert.Contains("/nonexistent/schema.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_built_in_schema_keeps_every_name_key_dated_and_every_strong_key_sibling_safe()
    {
        foreach (var key in MatchKeySchema.Default.Keys)
        {
            var nameBased = key.Fields.Any(MatchFieldNames.IsNameBased);
            var dated = key.Fields.Contains(MatchField.Dob) || key.Fields.Contains(MatchField.BirthYear);
            Assert.True(!nameBased || dated, key.Id);
            Assert.True(key.Band != MatchBand.Strong || key.Fields.Any(MatchFieldNames.SeparatesSiblings), key.Id);
        }
    }
}
