using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Aquila.Security.Pki;

namespace Aquila.Cli.Commands;

/// <summary>
/// SHA-256 fingerprints that people compare out of band: the node reads its key's fingerprint to the operator, who
/// checks it against the one printed when signing, so a CSR swapped on the way is noticed.
/// </summary>
internal static class CaFingerprint
{
    /// <summary>SHA-256 of the DER SubjectPublicKeyInfo, 64 upper-case hex digits (as <c>openssl pkey -pubin -outform DER | sha256sum</c>).</summary>
    public static string OfPublicKey(PublicKey publicKey) => Convert.ToHexString(PublicKeyHash.Of(publicKey));

    /// <summary>The public key fingerprint of a PEM certificate signing request.</summary>
    public static string OfRequestPem(string csrPem)
    {
        var request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        return OfPublicKey(request.PublicKey);
    }

    /// <summary>The public key fingerprint of a PEM certificate.</summary>
    public static string OfCertificatePem(string certificatePem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        return OfPublicKey(certificate.PublicKey);
    }

    /// <summary>Groups hex digits in fours ("3F2A 91BC ...") so they can be read aloud and compared by eye.</summary>
    public static string Grouped(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var text = new StringBuilder(hex.Length + (hex.Length / 4));
        for (var i = 0; i < hex.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append(' ');
            }

            text.Append(hex[i]);
        }

        return text.ToString();
    }
}
