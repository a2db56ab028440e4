using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Aquila.Security.Lists;

/// <summary>
/// The signature a node puts on every list query: ECDSA P-256 with SHA-256 (IEEE P1363 form, 64 bytes) by the node's
/// certificate key over "aquila-query-v2" ‖ project id ‖ case reference ‖ officer id (each u16 big-endian UTF-8 length
/// and bytes) ‖ SHA-256 of the schema ‖ SHA-256 of the token entries ‖ i64 big-endian signing time in Unix
/// milliseconds ‖ 16-byte nonce. The server checks it against the caller's TLS certificate, so a case reference and
/// officer id are bound to the schema, the tokens and the node that sent them, and a nonce cannot be used twice. The
/// server keeps the signature with the signed fields (<see cref="SignedQuery"/>) in the audit chain and in the
/// contributors' notifications, so the query can be verified again by anyone holding the signer's certificate.
/// </summary>
public static class QuerySignature
{
    /// <summary>Size of the nonce.</summary>
    public const int NonceSize = 16;

    [ThreadStatic]
    private static X509Certificate2? t_keyCertificate;

    [ThreadStatic]
    private static ECDsa? t_key;

    /// <summary>Size of a schema hash and of the token entries' digest.</summary>
    public const int DigestSize = SHA256.HashSizeInBytes;

    private static ReadOnlySpan<byte> Domain => "aquila-query-v2"u8;

    /// <summary>The signed bytes.</summary>
    public static byte[] Message(string projectId, string caseReference, string officerId, ReadOnlySpan<byte> schemaSha256,
        ReadOnlySpan<byte> tokenEntries, long signedAtUnixMs, ReadOnlySpan<byte> nonce)
    {
        Span<byte> digest = stackalloc byte[DigestSize];
        SHA256.HashData(tokenEntries, digest);
        return MessageOfDigest(projectId, caseReference, officerId, schemaSha256, digest, signedAtUnixMs, nonce);
    }

    /// <summary>The signed bytes, from the SHA-256 of the token entries (as kept in the audit chain).</summary>
    public static byte[] MessageOfDigest(string projectId, string caseReference, string officerId, ReadOnlySpan<byte> schemaSha256,
        ReadOnlySpan<byte> tokenEntriesSha256, long signedAtUnixMs, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(caseReference);
        ArgumentNullException.ThrowIfNull(officerId);
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"The nonce must be {NonceSize} bytes.", nameof(nonce));
        }

        if (schemaSha256.Length != DigestSize || tokenEntriesSha256.Length != DigestSize)
        {
            throw new ArgumentException($"The schema hash and the token entries' digest must be {DigestSize} bytes each.");
        }

        var length = Domain.Length + 6 + Encoding.UTF8.GetByteCount(projectId) + Encoding.UTF8.GetByteCount(caseReference)
            + Encoding.UTF8.GetByteCount(officerId) + (2 * DigestSize) + 8 + NonceSize;
        var message = new byte[length];
        var span = message.AsSpan();
        Domain.CopyTo(span);
        var at = Domain.Length;
        at = Write(span, at, projectId);
        at = Write(span, at, caseReference);
        at = Write(span, at, officerId);
        schemaSha256.CopyTo(span[at..]);
        at += DigestSize;
        tokenEntriesSha256.CopyTo(span[at..]);
        at += DigestSize;
        BinaryPrimitives.WriteInt64BigEndian(span[at..], signedAtUnixMs);
        nonce.CopyTo(span[(at + 8)..]);
        return message;
    }

    /// <summary>Signs with the node's certificate key (ECDSA P-256).</summary>
    /// <exception cref="ArgumentException">The certificate has no ECDSA private key.</exception>
    public static byte[] Sign(X509Certificate2 certificate, byte[] message)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The node certificate has no ECDSA private key to sign queries with.", nameof(certificate));
        return key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>True when <paramref name="signature"/> is the certificate key's signature over <paramref name="message"/>.</summary>
    /// <remarks>
    /// The parsed public key is kept per thread for the last certificate seen: a connection's calls present the same
    /// certificate instance, and parsing the key costs about as much as the rest of the check.
    /// </remarks>
    public static bool Verify(X509Certificate2 certificate, byte[] message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var key = PublicKey(certificate);
        return key is not null
            && key.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    // One key per thread, so no ECDsa instance is ever used by two threads at once.
    private static ECDsa? PublicKey(X509Certificate2 certificate)
    {
        if (!ReferenceEquals(t_keyCertificate, certificate))
        {
            t_key?.Dispose();
            t_key = null;
            t_keyCertificate = null;
            t_key = certificate.GetECDsaPublicKey();
            t_keyCertificate = certificate;
        }

        return t_key;
    }

    private static int Write(Span<byte> span, int at, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, span[(at + 2)..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)written);
        return at + 2 + written;
    }
}
