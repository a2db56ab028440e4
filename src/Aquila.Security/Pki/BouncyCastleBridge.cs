using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Aquila.Security.Pki;

/// <summary>The few things the BCL cannot do: verify a certificate's or CRL's signature against a given issuer.</summary>
internal static class BouncyCastleBridge
{
    /// <summary>True when <paramref name="certificate"/> names <paramref name="issuer"/> as issuer and its signature verifies with the issuer's key.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        if (!certificate.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }

        try
        {
            ToBouncyCastle(certificate).Verify(ToBouncyCastle(issuer).GetPublicKey());
            return true;
        }
        catch (GeneralSecurityException)
        {
            return false;
        }
    }

    public static BcCertificate ToBouncyCastle(X509Certificate2 certificate) =>
        new X509CertificateParser().ReadCertificate(certificate.RawData);

    /// <summary>Parses a DER CRL; null when the bytes are not one.</summary>
    public static X509Crl? ParseCrl(byte[] der)
    {
        try
        {
            return new X509CrlParser().ReadCrl(der);
        }
        catch (Exception ex) when (ex is GeneralSecurityException or ArgumentException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="crl"/> is issued by <paramref name="issuer"/> (name and signature).</summary>
    public static bool IsSignedBy(X509Crl crl, BcCertificate issuer)
    {
        if (!crl.IssuerDN.Equivalent(issuer.SubjectDN, inOrder: true))
        {
            return false;
        }

        try
        {
            crl.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (GeneralSecurityException)
        {
            return false;
        }
    }
}
