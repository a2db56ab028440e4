using System.Text;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Tests.Derivation;

/// <summary>
/// Tokens are keyed by a subkey of K_project per schema hash (issue 24, finding 6): a schema that reuses another's
/// version and key id with other fields must not produce tokens comparable with it.
/// </summary>
public class SchemaSubkeyTests
{
    // Two schemas, both version 1 with one key "k": one over name + date of birth, one over family name + date of birth.
    private const string NameDob = """
        {"schema": "aquila-match-keys", "version": 1, "keys": [{"id": "k", "band": "probable", "fields": ["name", "dob"]}]}
        """;

    private const string FamilyDob = """
        {"schema": "aquila-match-keys", "version": 1, "keys": [{"id": "k", "band": "probable", "fields": ["family", "dob"]}]}
        """;

    [Fact]
    public void A_reused_schema_version_with_other_fields_gives_tokens_that_never_meet()
    {
        using var key = ProjectKey.FromBytes(new byte[32]);
        var one = MatchKeySchema.Parse(Encoding.UTF8.GetBytes(NameDob), "name-dob");
        var other = MatchKeySchema.Parse(Encoding.UTF8.GetBytes(FamilyDob), "family-dob");
        // A family name that looks like a whole name on its own: under one K_project key both schemas would hash the
        // very same message ("k", version 1, "MARKO PETROVIC", "19850312") for different fields.
        var first = new PersonRecord { RecordId = "1", FamilyName = "Petrović", GivenName = "Marko", DateOfBirth = "1985-03-22" };
        var second = new PersonRecord { RecordId = "2", FamilyName = "Marko Petrović", DateOfBirth = "1985-03-22" };

        var tokensOne = Tokens(one, key, first);
        var tokensOther = Tokens(other, key, second);

        Assert.NotEmpty(tokensOne);
        Assert.NotEmpty(tokensOther);
        Assert.False(tokensOne.Overlaps(tokensOther), "tokens of two schemas sharing version and key id met");
    }

    [Fact]
    public void The_same_message_under_two_schema_hashes_gives_two_tokens()
    {
        using var key = ProjectKey.Generate();
        var message = new byte[] { 1, 2, 3 };
        var a = new byte[16];
        var b = new byte[16];

        using (var deriver = new TokenDeriver(key, new byte[32]))
        {
            deriver.Derive(message, a);
        }

        var otherHash = new byte[32];
        otherHash[31] = 1;
        using (var deriver = new TokenDeriver(key, otherHash))
        {
            deriver.Derive(message, b);
        }

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_schema_hash_of_the_wrong_length_is_refused()
    {
        using var key = ProjectKey.Generate();

        Assert.Throws<ArgumentException>(() => new TokenDeriver(key, new byte[31]));
    }

    private static HashSet<string> Tokens(MatchKeySchema schema, ProjectKey key, PersonRecord record)
    {
        using var tokenizer = new RecordTokenizer(schema, key);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        var outcome = tokenizer.Tokenize(record, entries);
        var tokens = new HashSet<string>();
        for (var i = 0; i < outcome.TokenCount; i++)
        {
            tokens.Add(Convert.ToHexString(entries.AsSpan((i * BatchFormat.TokenEntryLength) + 1, BatchFormat.TokenEntryLength - 1)));
        }

        return tokens;
    }
}
