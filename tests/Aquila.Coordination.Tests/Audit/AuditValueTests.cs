using Aquila.Coordination.Audit;
using Aquila.Security;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditValueTests
{
    [FsCheck.Xunit.Property]
    public Property A_hash_round_trips_through_its_bytes_and_its_hex_text() =>
        Prop.ForAll(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(32).ToArbitrary(), bytes =>
        {
            var hash = AuditHash.FromBytes(bytes);
            return hash.ToArray().SequenceEqual(bytes) && AuditHash.Parse(hash.ToString()) == hash;
        });

    [FsCheck.Xunit.Property]
    public Property A_head_round_trips_through_its_text_form() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(32).ToArbitrary(), (sequence, bytes) =>
        {
            var head = new AuditHead(sequence, AuditHash.FromBytes(bytes));
            return AuditHead.Parse(head.ToString()) == head;
        });

    [Fact]
    public void The_default_hash_is_32_zero_bytes()
    {
        Assert.Equal(new byte[32], default(AuditHash).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("12 abc")]
    [InlineData("-1 0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("x 0000000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_head_text_is_refused(string text)
    {
        Assert.False(AuditHead.TryParse(text, out _));
    }

    [Fact]
    public void A_head_also_parses_with_a_colon_separator()
    {
        var head = AuditHead.Parse("42:" + new string('A', 64));

        Assert.Equal(42, head.Sequence);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("system")]
    [InlineData("RS/node")]
    [InlineData("PCC/coordinator")]
    public void An_actor_round_trips_through_its_text(string text)
    {
        Assert.True(AuditActor.TryParse(text, out var actor));
        Assert.Equal(text, actor.Text);
    }

    [Theory]
    [InlineData("rs/node")]
    [InlineData("RS/Node")]
    [InlineData("RS")]
    [InlineData("Anonymous")]
    [InlineData("RS/node/x")]
    public void Actor_text_other_than_the_canonical_forms_is_refused(string text)
    {
        Assert.False(AuditActor.TryParse(text, out _));
    }

    [Fact]
    public void An_actor_needs_a_valid_party_code()
    {
        Assert.Throws<ArgumentException>(() => AuditActor.ForParty("serbia", PartyRole.Node));
    }
}
