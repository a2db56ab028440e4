using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Offline;
using Aquila.Security.Tests.Offline;
using FsCheck.Fluent;

namespace Aquila.Security.Tests.Fuzzing;

/// <summary>
/// Offline exchange files (.aqx token batches, .aqh hits) mangled byte by byte, as they arrive from a damaged disk or a
/// careless carrier, and as a hostile node would make them (mangled, then signed again with its own valid key, so the
/// parser and the decryption — not only the signature — meet every change). Reading and opening must either give back
/// exactly what was sealed or throw <see cref="SealedFileException"/> with a message; never another exception, never a
/// hang. 300 cases per target here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
public sealed class SealedFileFuzzTests(OfflinePki pki) : IClassFixture<OfflinePki>
{
    private const long MaxContent = 1 << 20;
    private static readonly byte[] Content = RandomNumberGenerator.GetBytes(2000);

    [Fact]
    public void A_mangled_offline_file_is_refused_with_a_sealed_file_error()
    {
        var templates = Templates();
        var input =
            from kind in Gen.Elements(SealedFileKind.TokenBatch, SealedFileKind.Hits)
            from mutations in Fuzz.Mutations()
            select (Kind: kind, Mutations: mutations);

        Fuzz.Check("offline files, mangled", input, Fuzz.Cases(300), c =>
        {
            var original = templates[c.Kind];
            var mangled = Fuzz.Apply(original, c.Mutations);
            if (mangled.AsSpan().SequenceEqual(original))
            {
                Assert.Equal(Content, Open(mangled, c.Kind, out _));
                return "unchanged";
            }

            var refused = Assert.Throws<SealedFileException>(() => Open(mangled, c.Kind, out _));
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
            return "refused: " + refused.Problem;
        });
    }

    [Fact]
    public void A_file_mangled_and_signed_again_by_a_hostile_node_is_refused_or_opens_to_exactly_what_was_sealed()
    {
        var templates = Templates();
        var signer = pki.Holder("RS");
        var input =
            from kind in Gen.Elements(SealedFileKind.TokenBatch, SealedFileKind.Hits)
            from mutations in Fuzz.Mutations()
            select (Kind: kind, Mutations: mutations);

        Fuzz.Check("offline files, re-signed", input, Fuzz.Cases(300), c =>
        {
            var original = templates[c.Kind];
            var signed = Fuzz.Apply(original[..^SealedFileFormat.SignatureLength], c.Mutations);
            var resigned = Sign(signed, signer);
            try
            {
                var opened = Open(resigned, c.Kind, out var file);

                // Only bytes nothing depends on may have changed (the issuer certificates the sender added): the content
                // and the clear header are bound by AES-GCM, the signer by the signature.
                Assert.Equal(Content, opened);
                Assert.Equal((SealedFileTemplates.ProjectId, "RS", SealedFileTemplates.ContentId), (file.Header.ProjectId, file.Header.Party, file.Header.ContentIdHex));
                return signed.AsSpan().SequenceEqual(original.AsSpan(0, original.Length - SealedFileFormat.SignatureLength))
                    ? "unchanged"
                    : "opened (an unbound byte changed)";
            }
            catch (SealedFileException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                return "refused: " + e.Problem;
            }
        });
    }

    [Fact]
    public void A_generated_header_opens_exactly_when_every_field_is_valid_and_is_refused_otherwise()
    {
        var signer = pki.Holder("RS");
        Fuzz.Check("offline files, generated headers", SealedFileFields.Generator(), Fuzz.Cases(300), fields =>
        {
            var bytes = fields.Build(Content, Recipient(fields.Kind), signer);
            if (fields.IsValid)
            {
                var opened = Open(bytes, fields.Kind, out var file);
                Assert.Equal(Content, opened);
                Assert.Equal(fields.ProjectText, file.Header.ProjectId);
                Assert.Equal(fields.CreatedAt, file.Header.CreatedAt.ToUnixTimeMilliseconds());
                return "opened";
            }

            var refused = Assert.Throws<SealedFileException>(() => Open(bytes, fields.Kind, out _));
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
            return "refused: " + refused.Problem;
        });
    }

    [Fact]
    public void The_issuer_certificates_of_a_re_signed_file_that_opens_can_be_loaded_or_the_file_is_refused()
    {
        // Regression (found by the re-signed fuzzing): a hostile node could put bytes that are no certificate in an
        // issuer slot; reading succeeded and LoadIssuers then threw a CryptographicException, which the server's import
        // let escape (UNKNOWN, no audit entry) instead of refusing the file.
        var original = Templates()[SealedFileKind.TokenBatch];
        var signed = original[..^SealedFileFormat.SignatureLength];
        var authority = pki.Authority.RawData;
        var at = signed.AsSpan().LastIndexOf(authority);
        signed[at + 4] ^= 0xFF;

        var refused = Assert.Throws<SealedFileException>(() => SealedFile.Read(Sign(signed, pki.Holder("RS")), SealedFileKind.TokenBatch, MaxContent));

        Assert.Equal(SealedFileProblem.Malformed, refused.Problem);
        Assert.Contains("certificate", refused.Message, StringComparison.Ordinal);
    }

    private byte[] Open(byte[] bytes, SealedFileKind kind, out SealedFile file)
    {
        file = SealedFile.Read(bytes, kind, MaxContent);
        using (file.LoadSigner())
        {
        }

        foreach (var issuer in file.LoadIssuers())
        {
            issuer.Dispose();
        }

        return file.Open(Recipient(kind));
    }

    // An export is sealed for the server, a hits file for a node.
    private X509Certificate2 Recipient(SealedFileKind kind) => kind == SealedFileKind.TokenBatch ? pki.Server : pki.Holder("XK");

    private SealedFileTemplates Templates() => new(pki, Content);

    private static byte[] Sign(byte[] signed, X509Certificate2 signer)
    {
        using var key = signer.GetECDsaPrivateKey()!;
        return [.. signed, .. key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)];
    }
}
