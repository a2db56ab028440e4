using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Aquila.Security.Offline;

/// <summary>
/// Seals content for one recipient: encrypts it to the recipient certificate's key (so whoever carries the file
/// learns its size and header only) and signs the whole file with the sender's certificate key (so the recipient
/// knows who made it and that nothing was changed). Layout: <see cref="SealedFileFormat"/>.
/// </summary>
public static class SealedFileWriter
{
    /// <summary>Seals <paramref name="content"/> and returns the file's bytes.</summary>
    /// <param name="header">Kind, project, party and content id; its <see cref="SealedFileHeader.ContentLength"/> must be the content's length.</param>
    /// <param name="content">What to seal.</param>
    /// <param name="recipient">The certificate (P-256) whose key may open the file; check that it is the right one first.</param>
    /// <param name="signer">The sender's certificate with its private key.</param>
    /// <param name="issuers">Certificates that go into the file after the signer's (its CA), for the recipient's convenience.</param>
    /// <exception cref="ArgumentException">A field is out of range, or a certificate is not P-256 or lacks its key.</exception>
    public static byte[] Seal(SealedFileHeader header, ReadOnlySpan<byte> content, X509Certificate2 recipient, X509Certificate2 signer,
        IReadOnlyList<X509Certificate2>? issuers = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(signer);
        CheckHeader(header, content.Length);
        var certificates = new List<byte[]> { signer.RawData };
        foreach (var issuer in issuers ?? [])
        {
            certificates.Add(issuer.RawData);
        }

        if (certificates.Count > SealedFileFormat.MaxCertificates || certificates.Exists(c => c.Length > SealedFileFormat.MaxCertificateBytes))
        {
            throw new ArgumentException($"A sealed file carries at most {SealedFileFormat.MaxCertificates} certificates of at most "
                + $"{SealedFileFormat.MaxCertificateBytes} bytes each.", nameof(issuers));
        }

        using var signingKey = signer.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The signer's certificate was loaded without its private key.", nameof(signer));
        using var recipientKey = RecipientKey.PublicOf(recipient);
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        var headerLength = HeaderLength(header);
        var certificatesLength = 1;
        foreach (var certificate in certificates)
        {
            certificatesLength += 2 + certificate.Length;
        }

        var file = new byte[headerLength + content.Length + SealedFileFormat.TagLength + certificatesLength + SealedFileFormat.SignatureLength];
        var span = file.AsSpan();
        var keyIdOffset = WriteHeaderFields(span, header);
        var recipientKeyId = span.Slice(keyIdOffset, SealedFileFormat.RecipientKeyIdLength);
        RecipientKey.Id(recipient).CopyTo(recipientKeyId);
        var point = span.Slice(keyIdOffset + SealedFileFormat.RecipientKeyIdLength, SealedFileFormat.EphemeralKeyLength);
        RecipientKey.WritePoint(ephemeral, point);
        var nonce = span.Slice(headerLength - SealedFileFormat.NonceLength, SealedFileFormat.NonceLength);
        RandomNumberGenerator.Fill(nonce);

        var key = RecipientKey.ContentKey(ephemeral, recipientKey, point, recipientKeyId, header.Kind);
        try
        {
            using var aes = new AesGcm(key, SealedFileFormat.TagLength);
            aes.Encrypt(nonce, content, span.Slice(headerLength, content.Length),
                span.Slice(headerLength + content.Length, SealedFileFormat.TagLength), span[..headerLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        var offset = headerLength + content.Length + SealedFileFormat.TagLength;
        span[offset++] = (byte)certificates.Count;
        foreach (var certificate in certificates)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[offset..], (ushort)certificate.Length);
            certificate.CopyTo(span[(offset + 2)..]);
            offset += 2 + certificate.Length;
        }

        if (!signingKey.TrySignData(span[..offset], span[offset..], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation,
                out var written) || written != SealedFileFormat.SignatureLength)
        {
            throw new ArgumentException("The signer's key is not a P-256 key.", nameof(signer));
        }

        return file;
    }

    internal static int HeaderLength(SealedFileHeader header) =>
        4 + 2 + 1 + Encoding.UTF8.GetByteCount(header.ProjectId) + 1 + header.Party.Length + SealedFileFormat.ContentIdLength + 8 + 8
        + SealedFileFormat.RecipientKeyIdLength + SealedFileFormat.EphemeralKeyLength + SealedFileFormat.NonceLength;

    // Writes magic through content length; returns the offset of the recipient key id.
    private static int WriteHeaderFields(Span<byte> span, SealedFileHeader header)
    {
        SealedFileFormat.Magic(header.Kind).CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], SealedFileFormat.Version);
        var offset = 6;
        var projectLength = Encoding.UTF8.GetBytes(header.ProjectId, span[(offset + 1)..]);
        span[offset] = (byte)projectLength;
        offset += 1 + projectLength;
        span[offset] = (byte)Encoding.ASCII.GetBytes(header.Party, span[(offset + 1)..]);
        offset += 1 + header.Party.Length;
        header.ContentId.Span.CopyTo(span[offset..]);
        offset += SealedFileFormat.ContentIdLength;
        BinaryPrimitives.WriteInt64BigEndian(span[offset..], header.CreatedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(span[(offset + 8)..], header.ContentLength);
        return offset + 16;
    }

    private static void CheckHeader(SealedFileHeader header, int contentLength)
    {
        _ = SealedFileFormat.Magic(header.Kind);
        if (!IsValidProjectId(header.ProjectId))
        {
            throw new ArgumentException($"A project id is 1–{SealedFileFormat.MaxProjectIdBytes} UTF-8 bytes without control characters.",
                nameof(header));
        }

        if (!PartyCode.IsValid(header.Party))
        {
            throw new ArgumentException("The party code must be two or three upper-case letters.", nameof(header));
        }

        if (header.ContentId.Length != SealedFileFormat.ContentIdLength)
        {
            throw new ArgumentException($"A content id is {SealedFileFormat.ContentIdLength} bytes.", nameof(header));
        }

        if (header.ContentLength != contentLength)
        {
            throw new ArgumentException($"The header declares {header.ContentLength} bytes of content; the content is {contentLength}.",
                nameof(header));
        }
    }

    internal static bool IsValidProjectId(string? projectId)
    {
        if (string.IsNullOrEmpty(projectId) || Encoding.UTF8.GetByteCount(projectId) > SealedFileFormat.MaxProjectIdBytes)
        {
            return false;
        }

        foreach (var c in projectId)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }
}
