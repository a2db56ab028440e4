using System.Text;
using Aquila.Tokens.Derivation;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Derivation;

public class TokenDerivationProperties
{
    private static readonly byte[] SchemaHash = Aquila.Tokens.Keys.MatchKeySchema.Default.Hash.ToArray();

    private static byte[] Token(ProjectKey key, string keyId, int version, params string[] values) =>
        Token(key, SchemaHash, keyId, version, values);

    private static byte[] Token(ProjectKey key, byte[] schemaHash, string keyId, int version, params string[] values)
    {
        using var deriver = new TokenDeriver(key, schemaHash);
        var buffer = new byte[TokenMessage.MaxLength];
        var message = new TokenMessage(buffer, Encoding.ASCII.GetBytes(keyId), version);
        foreach (var value in values)
        {
            message.Add(value);
        }

        var token = new byte[16];
        deriver.Derive(message.Written, token);
        return token;
    }

    private static Arbitrary<string> Values() =>
        ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get.Length > 200 ? s.Get[..200] : s.Get).ToArbitrary();

    [FsCheck.Xunit.Property]
    public Property Tokens_are_deterministic_for_one_key() =>
        Prop.ForAll(Values(), Values(), (a, b) =>
        {
            using var key = ProjectKey.Generate();
            return Token(key, "name_dob", 1, a, b).AsSpan().SequenceEqual(Token(key, "name_dob", 1, a, b));
        });

    [FsCheck.Xunit.Property]
    public Property Tokens_of_different_key_ids_are_disjoint() =>
        Prop.ForAll(Values(), Values(), (a, b) =>
        {
            using var key = ProjectKey.Generate();
            return !Token(key, "name_dob", 1, a, b).AsSpan().SequenceEqual(Token(key, "skeleton_dob", 1, a, b));
        });

    [FsCheck.Xunit.Property]
    public Property Tokens_of_different_projects_are_disjoint() =>
        Prop.ForAll(Values(), Values(), (a, b) =>
        {
            using var one = ProjectKey.Generate();
            using var other = ProjectKey.Generate();
            return !Token(one, "name_dob", 1, a, b).AsSpan().SequenceEqual(Token(other, "name_dob", 1, a, b));
        });

    [FsCheck.Xunit.Property]
    public Property Moving_a_boundary_between_values_changes_the_token() =>
        Prop.ForAll(Values(), Values(), (a, b) =>
        {
            using var key = ProjectKey.Generate();
            // ("ab", "c") and ("a", "bc") must not collide: the length prefixes keep fields apart.
            var joined = a + b;
            var split = Token(key, "k", 1, joined[..1], joined[1..] + "X");
            var shifted = Token(key, "k", 1, joined + "X", "");
            return !split.AsSpan().SequenceEqual(shifted);
        });

    [Fact]
    public void A_schema_version_is_part_of_the_token()
    {
        using var key = ProjectKey.Generate();

        Assert.NotEqual(Token(key, "name_dob", 1, "MARKO PETROVIC", "19850312"), Token(key, "name_dob", 2, "MARKO PETROVIC", "19850312"));
    }

    [Fact]
    public void A_value_too_long_for_a_message_is_refused()
    {
        var buffer = new byte[TokenMessage.MaxLength];

        Assert.Throws<ArgumentException>(() =>
        {
            var message = new TokenMessage(buffer, "k"u8, 1);
            message.Add(new string('A', TokenMessage.MaxLength));
        });
    }
}
