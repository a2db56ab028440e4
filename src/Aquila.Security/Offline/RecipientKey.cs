using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Offline;

/// <summary>
/// The key agreement of sealed files: ephemeral-static ECDH on P-256 with the recipient certificate's key, the shared
/// secret stretched by HKDF-SHA256 into an AES-256-GCM key. Aquila certificates carry one P-256 key, used here for
/// key agreement besides signing (docs/offline-exchange.md says why that is acceptable).
/// </summary>
internal static class RecipientKey
{
    /// <summary>SHA-256 of the certificate's SubjectPublicKeyInfo: names the key a file is encrypted to.</summary>
    public static byte[] Id(X509Certificate2 certificate) => SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo());

    /// <summary>The certificate's public key for ECDH; refuses anything but P-256.</summary>
    public static ECDiffieHellman PublicOf(X509Certificate2 certificate)
    {
        if (!KeyAlgorithms.IsP256(certificate.PublicKey))
        {
            throw new ArgumentException(
                $"{CertificateLabel.For(certificate)} has a {KeyAlgorithms.Describe(certificate.PublicKey)} key; sealed files need a P-256 certificate.",
                nameof(certificate));
        }

        var key = ECDiffieHellman.Create();
        key.ImportSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo(), out _);
        return key;
    }

    /// <summary>The certificate's private key for ECDH.</summary>
    /// <remarks>
    /// Node certificates allow signing only, so .NET will not open their key for ECDH directly. On OpenSSL platforms
    /// the ECDH key shares the signing key's handle, so the private scalar is never copied into managed memory;
    /// elsewhere the scalar is exported and that copy is zeroed at once (issue 24, finding 7).
    /// </remarks>
    public static ECDiffieHellman PrivateOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var signing = certificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException($"{CertificateLabel.For(certificate)} was loaded without its private key.", nameof(certificate));
        if ((OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD()) && signing is ECDsaOpenSsl openSsl)
        {
            using var handle = openSsl.DuplicateKeyHandle();
            return new ECDiffieHellmanOpenSsl(handle);
        }

        var parameters = signing.ExportParameters(includePrivateParameters: true);
        try
        {
            return ECDiffieHellman.Create(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>An ECDH public key from its uncompressed point; the import checks that the point is on the curve.</summary>
    public static ECDiffieHellman FromPoint(ReadOnlySpan<byte> point)
    {
        if (point.Length != SealedFileFormat.EphemeralKeyLength || point[0] != 0x04)
        {
            throw new CryptographicException("The ephemeral key is not an uncompressed P-256 point.");
        }

        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point.Slice(1, 32).ToArray(), Y = point.Slice(33, 32).ToArray() },
        });
    }

    /// <summary>The uncompressed point of an ECDH key.</summary>
    public static void WritePoint(ECDiffieHellman key, Span<byte> destination)
    {
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        destination[0] = 0x04;
        q.X.AsSpan().CopyTo(destination.Slice(1, 32));
        q.Y.AsSpan().CopyTo(destination.Slice(33, 32));
    }

    /// <summary>The content key: HKDF-SHA256 over the ECDH secret, bound to the ephemeral key, recipient and kind.</summary>
    public static byte[] ContentKey(ECDiffieHellman own, ECDiffieHellman other, ReadOnlySpan<byte> ephemeralPoint,
        ReadOnlySpan<byte> recipientKeyId, SealedFileKind kind)
    {
        var secret = own.DeriveRawSecretAgreement(other.PublicKey);
        try
        {
            Span<byte> salt = stackalloc byte[SealedFileFormat.EphemeralKeyLength + SealedFileFormat.RecipientKeyIdLength];
            ephemeralPoint.CopyTo(salt);
            recipientKeyId.CopyTo(salt[SealedFileFormat.EphemeralKeyLength..]);
            var label = SealedFileFormat.KeyInfoLabel;
            Span<byte> info = stackalloc byte[label.Length + 4];
            label.CopyTo(info);
            SealedFileFormat.Magic(kind).CopyTo(info[label.Length..]);
            var key = new byte[32];
            HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, key, salt, info);
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
