using System.Security.Cryptography;
using Aquila.Security.Keys;
using Aquila.Security.Tests.Ceremony;
using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Keys;

/// <summary>K_project wrapped to the node's own certificate key: only that key opens it, and any change is detected.</summary>
public sealed class WrappedProjectKeyTests(CeremonyPki pki) : IClassFixture<CeremonyPki>
{
    private const string ProjectId = "aquila-2026-ve";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private byte[] WrappedForRs() => WrappedProjectKey.Wrap(Key, ProjectId, "RS", pki.Node("RS"));

    [Fact]
    public void The_node_that_wrapped_the_key_unwraps_it()
    {
        var unwrapped = WrappedProjectKey.Unwrap(WrappedForRs(), pki.Node("RS"), ProjectId);

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
        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(WrappedForRs(), pki.Node("BA"), ProjectId));

        Assert.Contains("wrapped to another node key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_relabelled_for_another_node_key_fails_authentication()
    {
        // An attacker who rewrites the recipient key id to BA's still cannot make BA's key open it.
        var file = WrappedForRs();
        var keyIdAt = 8 + 1 + 2 + ProjectId.Length + 1 + 2;
        WrappedProjectKey.KeyId(pki.Node("BA")).CopyTo(file, keyIdAt);

        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(file, pki.Node("BA"), ProjectId));

        Assert.Contains("damaged or was altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_another_project_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(WrappedForRs(), pki.Node("RS"), "other-project"));

        Assert.Equal($"The key file is the project key of project {ProjectId}, not of project other-project.", error.Message);
    }

    [Fact]
    public void A_project_id_changed_in_the_file_is_detected()
    {
        var file = WrappedForRs();
        file[8 + 1 + 2] ^= 0x01; // 'a' -> '`' in the project id

        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(file, pki.Node("RS")));

        Assert.Contains("damaged or was altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => WrappedProjectKey.Unwrap(WrappedForRs()[..^1], pki.Node("RS")));

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
                WrappedProjectKey.Unwrap(changed, pki.Node("RS"));
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
            WrappedProjectKey.Unwrap(WrappedProjectKey.Wrap(key, project, "BA", pki.Node("BA")), pki.Node("BA"), project).AsSpan()
                .SequenceEqual(key));
    }
}
