using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Keys;
using Aquila.Security.Tests.Ceremony;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Keys;

/// <summary>
/// K_project wrapped to the node's own certificate key and signed by it: only that key opens it, any change is detected,
/// and a file made by anyone else — from the node's public certificate alone — is refused.
/// </summary>
public sealed class WrappedProjectKeyTests(CeremonyPki pki) : IClassFixture<CeremonyPki>
{
    private const string ProjectId = "aquila-2026-ve";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Transcript = RandomNumberGenerator.GetBytes(32);

    private SoftwareNodeKey NodeKey(string party) => new(pki.Node(party));

    private byte[] WrappedForRs() => WrappedProjectKey.Wrap(Key, ProjectId, "RS", Transcript, NodeKey("RS"));

    // Issue 24, finding 4: anyone who can write the node's key folder can encrypt a key they know to the node's public
    // certificate; before the file was signed, the node used such a planted key silently.
    [Fact]
    public void A_key_file_planted_from_the_nodes_public_certificate_is_refused()
    {
        using var planter = new PlantingKey(pki.Node("RS"));
        var planted = WrappedProjectKey.Wrap(Key, ProjectId, "RS", Transcript, planter);

        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(planted, NodeKey("RS"), ProjectId));

        Assert.Contains("not signed by this node's key", error.Message, StringComparison.Ordinal);
        Assert.Contains("planted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_carries_the_transcript_hash_and_a_confirmation_signed_by_the_node_key()
    {
        var file = WrappedForRs();

        var before = WrappedProjectKey.Verify(file, NodeKey("RS"));
        var after = WrappedProjectKey.Verify(WrappedProjectKey.Confirm(file, NodeKey("RS")), NodeKey("RS"));

        Assert.Equal(Transcript, before.TranscriptHash.ToArray());
        Assert.Equal(Aquila.Security.Ceremony.CeremonyTranscript.Fingerprint(Transcript), before.Fingerprint);
        Assert.False(before.Confirmed);
        Assert.True(after.Confirmed);
    }

    [Fact]
    public void A_confirmation_not_made_by_the_node_key_is_refused()
    {
        using var planter = new PlantingKey(pki.Node("RS"));
        var file = WrappedForRs();
        var forged = WrappedProjectKey.Confirm(file, NodeKey("RS"));
        planter.SignData(forged.AsSpan(0, forged.Length - 64)).CopyTo(forged, forged.Length - 64);

        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Verify(forged, NodeKey("RS")));

        Assert.Contains("confirmation is not signed by this node's key", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The attacker: knows the node's public certificate, signs with a key of its own.</summary>
    private sealed class PlantingKey(X509Certificate2 victim) : INodeKey, IDisposable
    {
        private readonly ECDsa _own = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public ECDsa PublicKey { get; } = victim.GetECDsaPublicKey()!;

        public ReadOnlyMemory<byte> KeyId { get; } = WrappedProjectKey.KeyId(victim);

        public byte[] SignData(ReadOnlySpan<byte> data) =>
            _own.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

        public byte[] DeriveRawSecretAgreement(ECDiffieHellmanPublicKey peer) => throw new NotSupportedException();

        public void Dispose()
        {
            _own.Dispose();
            PublicKey.Dispose();
        }
    }

    [Fact]
    public void The_node_that_wrapped_the_key_unwraps_it()
    {
        var unwrapped = WrappedProjectKey.Unwrap(WrappedForRs(), NodeKey("RS"), ProjectId);

        Assert.Equal(Key, unwrapped);
    }

    [Fact]
    public void The_file_holds_no_copy_of_the_key_and_two_wraps_differ()
    {
        var first = WrappedForRs();
        var second = WrappedForRs();

        Assert.True(first.AsSpan().IndexOf(Key.AsSpan(0, 8)) < 0, "the raw key is in the file");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void The_header_names_project_party_and_key_without_unwrapping()
    {
        var header = WrappedProjectKey.ReadHeader(WrappedForRs());

        Assert.Equal(ProjectId, header.ProjectId);
        Assert.Equal("RS", header.Party);
        Assert.Equal(WrappedProjectKey.KeyId(pki.Node("RS")), header.RecipientKeyId.ToArray());
    }

    [Fact]
    public void Another_nodes_key_cannot_unwrap_it_and_the_error_says_so()
    {
        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(WrappedForRs(), NodeKey("BA"), ProjectId));

        Assert.Contains("wrapped to another node key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_relabelled_for_another_node_key_fails_authentication()
    {
        // An attacker who rewrites the recipient key id to BA's still cannot make BA's key open it.
        var file = WrappedForRs();
        var keyIdAt = 8 + 1 + 2 + ProjectId.Length + 1 + 2;
        WrappedProjectKey.KeyId(pki.Node("BA")).CopyTo(file, keyIdAt);

        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(file, NodeKey("BA"), ProjectId));

        Assert.Contains("not signed by this node's key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_project_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(WrappedForRs(), NodeKey("RS"), "other-project"));

        Assert.Equal($"The key file is the project key of project {ProjectId}, not of project other-project.", error.Message);
    }

    [Fact]
    public void A_project_id_changed_in_the_file_is_detected()
    {
        var file = WrappedForRs();
        file[8 + 1 + 2] ^= 0x01; // 'a' -> '`' in the project id

        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(file, NodeKey("RS")));

        Assert.Contains("not signed by this node's key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(WrappedForRs()[..^1], NodeKey("RS")));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_raw_hex_key_file_is_not_taken_for_a_wrapped_one()
    {
        var hex = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Key) + "\n");

        Assert.False(WrappedProjectKey.IsWrapped(hex));
        Assert.Throws<InvalidDataException>(() => WrappedProjectKey.ReadHeader(hex));
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property Any_flipped_bit_is_detected()
    {
        var file = WrappedForRs();
        return Prop.ForAll(Gen.Choose(0, file.Length - 1).ToArbitrary(), Gen.Choose(0, 7).ToArbitrary(), (index, bit) =>
        {
            var changed = (byte[])file.Clone();
            changed[index] ^= (byte)(1 << bit);
            try
            {
                WrappedProjectKey.Unwrap(changed, NodeKey("RS"));
                return false;
            }
            catch (InvalidDataException)
            {
                return true;
            }
        });
    }

    [FsCheck.Xunit.Property(MaxTest = 20)]
    public Property Every_key_and_project_id_round_trips()
    {
        var projects = Gen.Elements("p", "aquila-2026-ve", "проект-1", new string('x', 64));
        var keys = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 32);
        return Prop.ForAll(keys.ToArbitrary(), projects.ToArbitrary(), (key, project) =>
            WrappedProjectKey.Unwrap(WrappedProjectKey.Wrap(key, project, "BA", Transcript, NodeKey("BA")), NodeKey("BA"), project).AsSpan()
                .SequenceEqual(key));
    }
}
