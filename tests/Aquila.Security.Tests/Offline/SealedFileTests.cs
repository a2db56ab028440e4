using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Offline;

namespace Aquila.Security.Tests.Offline;

/// <summary>Sealed files (.aqx, .aqh): what the recipient gets back, and every way a file is refused.</summary>
public sealed class SealedFileTests(OfflinePki pki) : IClassFixture<OfflinePki>
{
    private static SealedFileHeader Header(long length, SealedFileKind kind = SealedFileKind.TokenBatch, string party = "RS") =>
        new(kind, "proj-1", party, RandomNumberGenerator.GetBytes(16), DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000), length);

    private byte[] SealBatch(byte[] content) =>
        SealedFileWriter.Seal(Header(content.Length), content, pki.Server, pki.Holder("RS"), [pki.Authority]);

    [Fact]
    public void The_recipient_opens_what_the_sender_sealed_with_the_header_as_written()
    {
        var content = RandomNumberGenerator.GetBytes(5000);
        var header = Header(content.Length);
        var bytes = SealedFileWriter.Seal(header, content, pki.Server, pki.Holder("RS"), [pki.Authority]);

        var file = SealedFile.Read(bytes, SealedFileKind.TokenBatch, 1 << 20);

        Assert.Equal(content, file.Open(pki.Server));
        Assert.Equal(header.ContentIdHex, file.Header.ContentIdHex);
        Assert.Equal((header.ProjectId, header.Party, header.CreatedAt, header.ContentLength),
            (file.Header.ProjectId, file.Header.Party, file.Header.CreatedAt, file.Header.ContentLength));
        using var signer = file.LoadSigner();
        Assert.Equal(pki.Holder("RS").Thumbprint, signer.Thumbprint);
        Assert.Single(file.LoadIssuers());
    }

    [Fact]
    public void The_content_is_not_in_the_file_in_clear()
    {
        var content = "CANARY-Petrović-1982-05-04-CANARY"u8.ToArray();

        var bytes = SealBatch(content);

        Assert.True(bytes.AsSpan().IndexOf(content.AsSpan(0, 12)) < 0);
    }

    [Fact]
    public void Another_certificate_cannot_open_the_file()
    {
        var file = SealedFile.Read(SealBatch(new byte[100]), SealedFileKind.TokenBatch, 1 << 20);

        var refused = Assert.Throws<SealedFileException>(() => file.Open(pki.Holder("BA")));

        Assert.Equal(SealedFileProblem.WrongRecipient, refused.Problem);
        Assert.False(file.IsFor(pki.Holder("BA")));
    }

    [Fact]
    public void A_file_re_signed_with_another_key_keeps_a_valid_signature_but_names_the_other_signer()
    {
        // The signature check says only "who signed this"; trust in that signer is the caller's check.
        var bytes = SealBatch(new byte[64]);
        var resigned = Resign(bytes, pki.Holder("BA"));

        var file = SealedFile.Read(resigned, SealedFileKind.TokenBatch, 1 << 20);

        using var signer = file.LoadSigner();
        Assert.Contains("BA", signer.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_by_a_key_other_than_the_certificates_is_refused()
    {
        var bytes = SealBatch(new byte[64]);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        other.SignData(bytes.AsSpan(0, bytes.Length - 64), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            .CopyTo(bytes, bytes.Length - 64);

        var refused = Assert.Throws<SealedFileException>(() => SealedFile.Read(bytes, SealedFileKind.TokenBatch, 1 << 20));

        Assert.Equal(SealedFileProblem.BadSignature, refused.Problem);
    }

    [Fact]
    public void A_hits_file_is_not_read_as_an_export_file()
    {
        var bytes = SealedFileWriter.Seal(Header(10, SealedFileKind.Hits), new byte[10], pki.Holder("RS"), pki.Server);

        var refused = Assert.Throws<SealedFileException>(() => SealedFile.Read(bytes, SealedFileKind.TokenBatch, 1 << 20));

        Assert.Equal(SealedFileProblem.NotASealedFile, refused.Problem);
    }

    [Fact]
    public void Content_larger_than_the_reader_accepts_is_refused_before_anything_is_decrypted()
    {
        var bytes = SealBatch(new byte[2048]);

        var refused = Assert.Throws<SealedFileException>(() => SealedFile.Read(bytes, SealedFileKind.TokenBatch, 1024));

        Assert.Equal(SealedFileProblem.TooLarge, refused.Problem);
    }

    [Fact]
    public void A_header_that_does_not_declare_the_content_length_is_refused_when_sealing()
    {
        Assert.Throws<ArgumentException>(() => SealedFileWriter.Seal(Header(11), new byte[10], pki.Server, pki.Holder("RS")));
    }

    internal static byte[] Resign(byte[] bytes, X509Certificate2 signer)
    {
        // Rebuild the certificate list with the new signer's certificate, then sign again.
        var file = SealedFile.Read(bytes, SealedFileKind.TokenBatch, int.MaxValue);
        var prefix = bytes.Length - 64 - CertificatesLength(file);
        var der = signer.RawData;
        var rebuilt = new byte[prefix + 1 + 2 + der.Length + 64];
        bytes.AsSpan(0, prefix).CopyTo(rebuilt);
        rebuilt[prefix] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(rebuilt.AsSpan(prefix + 1), (ushort)der.Length);
        der.CopyTo(rebuilt, prefix + 3);
        using var key = signer.GetECDsaPrivateKey()!;
        key.SignData(rebuilt.AsSpan(0, rebuilt.Length - 64), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            .CopyTo(rebuilt, rebuilt.Length - 64);
        return rebuilt;
    }

    private static int CertificatesLength(SealedFile file)
    {
        using var signer = file.LoadSigner();
        var length = 1 + 2 + signer.RawData.Length;
        foreach (var issuer in file.LoadIssuers())
        {
            length += 2 + issuer.RawData.Length;
            issuer.Dispose();
        }

        return length;
    }
}
