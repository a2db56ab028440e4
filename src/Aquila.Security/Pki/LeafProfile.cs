using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Pki;

/// <summary>What the CA puts into a leaf certificate, whatever the CSR asked for.</summary>
internal static class LeafProfile
{
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    public static CertificateRequest LoadRequest(string csrPem)
    {
        try
        {
            // Default options verify the request's self-signature; requested extensions are not loaded.
            return CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CertificateAuthorityException(
                "The CSR is not a readable PKCS#10 request with a valid signature; create it again with 'aquila node csr'.", ex);
        }
    }

    public static void AddExtensions(CertificateRequest leaf, X509Certificate2 issuer, CertificateIssueOptions options)
    {
        leaf.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leaf.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var usages = new OidCollection { new Oid(ClientAuthentication) };
        if (options.IsServerCertificate)
        {
            usages.Add(new Oid(ServerAuthentication));
            var names = new SubjectAlternativeNameBuilder();
            foreach (var dnsName in options.DnsNames)
            {
                names.AddDnsName(dnsName);
            }

            foreach (var address in options.IpAddresses)
            {
                names.AddIpAddress(address);
            }

            leaf.CertificateExtensions.Add(names.Build());
        }

        leaf.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        leaf.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(leaf.PublicKey, critical: false));
        leaf.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
    }
}
