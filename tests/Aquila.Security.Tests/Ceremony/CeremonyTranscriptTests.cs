using System.Security.Cryptography;
using System.Text;
using Aquila.Security.Ceremony;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Ceremony;

public sealed class CeremonyTranscriptTests
{
    [FsCheck.Xunit.Property]
    public Property The_fingerprint_is_the_first_sixteen_hash_bytes_128_bits_in_groups_of_four_hex_digits() =>
        Prop.ForAll(CeremonyGenerators.Bytes(32).ToArbitrary(), hash =>
        {
            var fingerprint = CeremonyTranscript.Fingerprint(hash);
            return fingerprint.Length == 39
                   && fingerprint.Split('-').All(group => group.Length == 4)
                   && fingerprint.Replace("-", "", StringComparison.Ordinal) == Convert.ToHexString(hash, 0, 16);
        });

    [Fact]
    public void The_transcript_hash_follows_the_documented_layout()
    {
        var roster = new[] { Entry("BA", 0x11, 0x22), Entry("RS", 0x33, 0x44) };
        var expected = new List<byte>();
        expected.Add(29);
        expected.AddRange("aquila-ceremony-v1 transcript"u8.ToArray());
        expected.AddRange([0x00, 0x02, (byte)'p', (byte)'1', 0x02]);
        foreach (var (party, key, certificate) in new[] { ("BA", 0x11, 0x22), ("RS", 0x33, 0x44) })
        {
            expected.Add(2);
            expected.AddRange(Encoding.ASCII.GetBytes(party));
            expected.AddRange(Enumerable.Repeat((byte)key, 32));
            expected.AddRange(Enumerable.Repeat((byte)certificate, 32));
        }

        var hash = CeremonyTranscript.Hash("p1", roster);

        Assert.Equal(SHA256.HashData([.. expected]), hash);
    }

    [Fact]
    public void The_registration_signature_covers_the_documented_layout()
    {
        var expected = new List<byte> { 31 };
        expected.AddRange("aquila-ceremony-v1 registration"u8.ToArray());
        expected.AddRange([0x00, 0x02, (byte)'p', (byte)'1', 0x02, (byte)'R', (byte)'S']);
        expected.AddRange(Enumerable.Repeat((byte)0x11, 32));
        expected.AddRange(Enumerable.Repeat((byte)0x22, 32));

        var signed = Registration.SignedData("p1", "RS", Enumerable.Repeat((byte)0x11, 32).ToArray(), Enumerable.Repeat((byte)0x22, 32).ToArray());

        Assert.Equal([.. expected], signed);
    }

    [Theory]
    [InlineData("project")]
    [InlineData("key")]
    [InlineData("certificate")]
    [InlineData("party")]
    public void Changing_any_roster_field_changes_the_transcript(string field)
    {
        var roster = new[] { Entry("BA", 0x11, 0x22), Entry("RS", 0x33, 0x44) };
        var changed = field switch
        {
            "key" => new[] { roster[0], Entry("RS", 0x35, 0x44) },
            "certificate" => [roster[0], Entry("RS", 0x33, 0x45)],
            "party" => [roster[0], Entry("RSX", 0x33, 0x44)],
            _ => roster,
        };

        var before = CeremonyTranscript.Hash("p1", roster);
        var after = CeremonyTranscript.Hash(field == "project" ? "p2" : "p1", changed);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_roster_out_of_party_order_is_refused()
    {
        var roster = new[] { Entry("RS", 0x33, 0x44), Entry("BA", 0x11, 0x22) };

        Assert.Throws<ArgumentException>(() => CeremonyTranscript.Hash("p1", roster));
    }

    [Fact]
    public void The_invitation_lists_parties_in_roster_order()
    {
        var invitation = new CeremonyInvitation("p1", ["RS", "BA", "ME"]);

        Assert.Equal(["BA", "ME", "RS"], invitation.Parties);
        Assert.Equal(2, invitation.IndexOf("RS"));
        Assert.Equal(-1, invitation.IndexOf("XK"));
    }

    [Theory]
    [InlineData("", "BA,RS")]
    [InlineData("p1", "RS")]
    [InlineData("p1", "RS,RS")]
    [InlineData("p1", "RS,rs")]
    [InlineData("p1\n", "BA,RS")]
    public void An_invalid_invitation_is_refused(string projectId, string parties)
    {
        Assert.Throws<ArgumentException>(() => new CeremonyInvitation(projectId, parties.Split(',')));
    }

    private static RosterEntry Entry(string party, byte key, byte certificate) =>
        new(party, Enumerable.Repeat(key, 32).ToArray(), Enumerable.Repeat(certificate, 32).ToArray());
}
