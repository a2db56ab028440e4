using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Aquila.Security.Pki;

namespace Aquila.Security.Offline;

/// <summary>
/// A sealed file read back (<see cref="SealedFileFormat"/>): parsed strictly and its signature verified with the
/// signer's certificate it carries. Whether that certificate is trusted — chain, validity, revocation, role and
/// party — is the caller's decision (the server uses its client-certificate validator, a node its CA); only then
/// should it <see cref="Open"/> the content.
/// </summary>
public sealed class SealedFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _file;
    private readonly int _headerLength;
    private readonly byte[][] _certificates;

    private SealedFile(ReadOnlyMemory<byte> file, SealedFileHeader header, int headerLength, byte[] recipientKeyId, byte[][] certificates)
    {
        _file = file;
        Header = header;
        _headerLength = headerLength;
        RecipientKeyId = recipientKeyId;
        _certificates = certificates;
        Sha256 = SHA256.HashData(file.Span);
    }

    /// <summary>Kind, project, party, content id and size.</summary>
    public SealedFileHeader Header { get; }

    /// <summary>SHA-256 of the recipient certificate's SubjectPublicKeyInfo.</summary>
    public ReadOnlyMemory<byte> RecipientKeyId { get; }

    /// <summary>SHA-256 of the whole file: its identity in audit entries.</summary>
    public ReadOnlyMemory<byte> Sha256 { get; }

    /// <summary>The file's length in bytes.</summary>
    public int Length => _file.Length;

    /// <summary>A new instance of the signer's certificate (dispose it).</summary>
    public X509Certificate2 LoadSigner() => X509CertificateLoader.LoadCertificate(_certificates[0]);

    /// <summary>New instances of the certificates after the signer's (its issuers, as the sender put them in).</summary>
    public X509Certificate2Collection LoadIssuers()
    {
        var issuers = new X509Certificate2Collection();
        for (var i = 1; i < _certificates.Length; i++)
        {
            issuers.Add(X509CertificateLoader.LoadCertificate(_certificates[i]));
        }

        return issuers;
    }

    /// <summary>Parses <paramref name="file"/> as a sealed file of <paramref name="kind"/> and verifies its signature.</summary>
    /// <param name="file">The whole file.</param>
    /// <param name="kind">The kind expected.</param>
    /// <param name="maxContentBytes">Largest content accepted.</param>
    /// <exception cref="SealedFileException">The file is not a sealed file of this kind, damaged, too large, or its signature fails.</exception>
    public static SealedFile Read(ReadOnlyMemory<byte> file, SealedFileKind kind, long maxContentBytes)
    {
        var span = file.Span;
        var what = kind == SealedFileKind.TokenBatch ? "an Aquila export file (.aqx)" : "an Aquila hits file (.aqh)";
        if (span.Length < 6 || !span[..4].SequenceEqual(SealedFileFormat.Magic(kind)))
        {
            throw new SealedFileException(SealedFileProblem.NotASealedFile, $"The file is not {what}.");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
        if (version != SealedFileFormat.Version)
        {
            throw new SealedFileException(SealedFileProblem.NotASealedFile,
                $"The file is {what} of format version {version}; this aquila reads version {SealedFileFormat.Version}. Update aquila.");
        }

        var reader = new Cursor(span, 6);
        var projectId = reader.Text(reader.Byte(), "project id");
        var party = reader.Text(reader.Byte(), "party code");
        if (!SealedFileWriter.IsValidProjectId(projectId) || !PartyCode.IsValid(party))
        {
            throw Damaged("its project id or party code is malformed");
        }

        var contentId = reader.Bytes(SealedFileFormat.ContentIdLength, "content id").ToArray();
        var createdAt = reader.Int64("creation time");
        var contentLength = reader.Int64("content length");
        if (contentLength < 0)
        {
            throw Damaged("its content length is negative");
        }

        if (contentLength > maxContentBytes)
        {
            throw new SealedFileException(SealedFileProblem.TooLarge,
                $"The file declares {contentLength} bytes of content; at most {maxContentBytes} are accepted.");
        }

        var recipientKeyId = reader.Bytes(SealedFileFormat.RecipientKeyIdLength, "recipient key id").ToArray();
        reader.Bytes(SealedFileFormat.EphemeralKeyLength + SealedFileFormat.NonceLength, "ephemeral key");
        var headerLength = reader.Offset;
        reader.Bytes((int)Math.Min(contentLength + SealedFileFormat.TagLength, int.MaxValue), "content");
        var count = reader.Byte();
        if (count is 0 or > SealedFileFormat.MaxCertificates)
        {
            throw Damaged($"it carries {count} certificates (1–{SealedFileFormat.MaxCertificates} expected)");
        }

        var certificates = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var length = reader.UInt16("certificate length");
            if (length is 0 or > SealedFileFormat.MaxCertificateBytes)
            {
                throw Damaged("a certificate length is out of range");
            }

            certificates[i] = reader.Bytes(length, "certificate").ToArray();
        }

        var signed = reader.Offset;
        var signature = reader.Bytes(SealedFileFormat.SignatureLength, "signature");
        if (reader.Offset != span.Length)
        {
            throw Damaged($"{span.Length - reader.Offset} bytes follow its signature");
        }

        VerifySignature(certificates[0], span[..signed], signature);
        CheckIssuersReadable(certificates);
        DateTimeOffset created;
        try
        {
            created = DateTimeOffset.FromUnixTimeMilliseconds(createdAt);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Damaged("its creation time is out of range");
        }

        var header = new SealedFileHeader(kind, projectId, party, contentId, created, contentLength);
        return new SealedFile(file, header, headerLength, recipientKeyId, certificates);
    }

    /// <summary>True when the content is encrypted to <paramref name="recipient"/>'s key.</summary>
    public bool IsFor(X509Certificate2 recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return CryptographicOperations.FixedTimeEquals(RecipientKeyId.Span, RecipientKey.Id(recipient));
    }

    /// <summary>Decrypts the content with the recipient's private key.</summary>
    /// <param name="recipient">The recipient's certificate with its private key.</param>
    /// <exception cref="SealedFileException">The file is for another key, or its content does not decrypt.</exception>
    public byte[] Open(X509Certificate2 recipient)
    {
        if (!IsFor(recipient))
        {
            throw new SealedFileException(SealedFileProblem.WrongRecipient,
                $"The file is encrypted to another certificate's key than {CertificateLabel.For(recipient)}; ask its sender to seal it for this certificate.");
        }

        var span = _file.Span;
        var length = (int)Header.ContentLength;
        var point = span.Slice(_headerLength - SealedFileFormat.NonceLength - SealedFileFormat.EphemeralKeyLength, SealedFileFormat.EphemeralKeyLength);
        var nonce = span.Slice(_headerLength - SealedFileFormat.NonceLength, SealedFileFormat.NonceLength);
        var content = new byte[length];
        byte[]? key = null;
        try
        {
            using var own = RecipientKey.PrivateOf(recipient);
            using var ephemeral = RecipientKey.FromPoint(point);
            key = RecipientKey.ContentKey(own, ephemeral, point, RecipientKeyId.Span, Header.Kind);
            using var aes = new AesGcm(key, SealedFileFormat.TagLength);
            aes.Decrypt(nonce, span.Slice(_headerLength, length), span.Slice(_headerLength + length, SealedFileFormat.TagLength), content,
                span[.._headerLength]);
            return content;
        }
        catch (CryptographicException e)
        {
            CryptographicOperations.ZeroMemory(content);
            throw new SealedFileException(SealedFileProblem.Undecryptable,
                "The file's content does not decrypt: it was altered or sealed with another key.", e);
        }
        finally
        {
            if (key is not null)
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
    }

    private static void VerifySignature(byte[] certificateBytes, ReadOnlySpan<byte> signed, ReadOnlySpan<byte> signature)
    {
        bool valid;
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(certificateBytes);
            if (!KeyAlgorithms.IsP256(certificate.PublicKey))
            {
                throw new SealedFileException(SealedFileProblem.BadSignature,
                    $"The file is signed with a {KeyAlgorithms.Describe(certificate.PublicKey)} key; Aquila signs with P-256 only.");
            }

            using var key = certificate.GetECDsaPublicKey()!;
            valid = key.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException e)
        {
            throw new SealedFileException(SealedFileProblem.Malformed, "The file's signer certificate cannot be read: the file is damaged.", e);
        }

        if (!valid)
        {
            throw new SealedFileException(SealedFileProblem.BadSignature,
                "The file's signature does not match its content: it was altered after signing, or forged. Ask its sender for a fresh copy.");
        }
    }

    // A signer may put anything in the issuer slots; bytes that are no certificate must be a refusal here, not a
    // CryptographicException from LoadIssuers later (the server's import let that escape: UNKNOWN, no audit entry).
    private static void CheckIssuersReadable(byte[][] certificates)
    {
        for (var i = 1; i < certificates.Length; i++)
        {
            try
            {
                X509CertificateLoader.LoadCertificate(certificates[i]).Dispose();
            }
            catch (CryptographicException e)
            {
                throw new SealedFileException(SealedFileProblem.Malformed,
                    $"The file is damaged: its certificate {i + 1} of {certificates.Length} (an issuer of the signer) cannot be read.", e);
            }
        }
    }

    private static SealedFileException Damaged(string problem) =>
        new(SealedFileProblem.Malformed, $"The file is damaged or cut short: {problem}.");

    // A bounds-checked reader over the file; every overrun is a "damaged or cut short" refusal.
    private ref struct Cursor(ReadOnlySpan<byte> span, int offset)
    {
        private readonly ReadOnlySpan<byte> _span = span;

        public int Offset { get; private set; } = offset;

        public ReadOnlySpan<byte> Bytes(int count, string field)
        {
            if (count < 0 || count > _span.Length - Offset)
            {
                throw Damaged($"it ends inside its {field}");
            }

            var bytes = _span.Slice(Offset, count);
            Offset += count;
            return bytes;
        }

        public byte Byte() => Bytes(1, "header")[0];

        public ushort UInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2, field));

        public long Int64(string field) => BinaryPrimitives.ReadInt64BigEndian(Bytes(8, field));

        public string Text(int length, string field)
        {
            try
            {
                return StrictUtf8.GetString(Bytes(length, field));
            }
            catch (DecoderFallbackException)
            {
                throw Damaged($"its {field} is not UTF-8");
            }
        }
    }
}
