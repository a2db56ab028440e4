using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Aquila.Security.Lists;

/// <summary>
/// The signature a node puts on every list query: ECDSA P-256 with SHA-256 (IEEE P1363 form, 64 bytes) by the node's
/// certificate key over "aquila-query-v1" ‖ project id ‖ case reference ‖ officer id (each u16 big-endian UTF-8 length
/// and bytes) ‖ SHA-256 of the token entries ‖ i64 big-endian signing time in Unix milliseconds ‖ 16-byte nonce.
/// The server checks it against the caller's TLS certificate, so a case reference and officer id are bound to the
/// tokens and the node that sent them, and a nonce cannot be used twice.
/// </summary>
public static class QuerySignature
{
    /// <summary>Size of the nonce.</summary>
    public const int NonceSize = 16;

    [ThreadStatic]
    private static X509Certificate2? t_keyCertificate;

    [ThreadStatic]
    private static ECDsa? t_key;

    private static ReadOnlySpan<byte> Domain => "aquila-query-v1"u8;

    /// <summary>The signed bytes.</summary>
    public static byte[] Message(string projectId, string caseReference, string officerId, ReadOnlySpan<byte> tokenEntries,
        long signedAtUnixMs, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(caseReference);
        ArgumentNullException.ThrowIfNull(officerId);
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException($"The nonce must be {NonceSize} bytes.", nameof(nonce));
        }

        var length = Domain.Length + 6 + Encoding.UTF8.GetByteCount(projectId) + Encoding.UTF8.GetByteCount(caseReference)
            + Encoding.UTF8.GetByteCount(officerId) + SHA256.HashSizeInBytes + 8 + NonceSize;
        var message = new byte[length];
        var span = message.AsSpan();
        Domain.CopyTo(span);
        var at = Domain.Length;
        at = Write(span, at, projectId);
        at = Write(span, at, caseReference);
        at = Write(span, at, officerId);
        SHA256.HashData(tokenEntries, span.Slice(at, SHA256.HashSizeInBytes));
        at += SHA256.HashSizeInBytes;
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
