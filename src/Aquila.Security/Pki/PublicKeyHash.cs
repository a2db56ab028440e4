using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Pki;

/// <summary>
/// SHA-256 of a key's DER SubjectPublicKeyInfo: what a node reads out when it enrols (<c>aquila node csr</c>), what the
/// operator sees when signing, what <c>aquila node fingerprint</c> prints and what parties pin for the key ceremony
/// (<c>--expect-parties RS=&lt;hash&gt;</c>). It names the key, not the certificate: a certificate renewed for the same
/// key keeps it, while a second certificate the CA issues for a party (with another key) does not.
/// Same value as <c>openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum</c>.
/// </summary>
public static class PublicKeyHash
{
    /// <summary>Length of the hash in bytes.</summary>
    public const int Length = 32;

    /// <summary>The hash of <paramref name="publicKey"/>.</summary>
    public static byte[] Of(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The hash of <paramref name="certificate"/>'s public key.</summary>
    public static byte[] Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Of(certificate.PublicKey);
    }
}
