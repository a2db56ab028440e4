using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Security.Offline;

/// <summary>
/// How a node without a live link recognises the Aquila server's certificate in a file: issued directly by the
/// node's CA (<c>ca.crt.pem</c>), valid now, P-256, an Aquila subject, and marked for TLS server authentication — which
/// the CA puts only into server certificates, so no party, coordinator or operator client certificate passes. A node
/// has no CRL; revocation of the server certificate reaches it with a new CA bundle.
/// </summary>
public static class ServerCertificateCheck
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>Checks <paramref name="certificate"/> against the CA certificate at <paramref name="authorityPath"/>.</summary>
    public static CertificateValidationResult Validate(X509Certificate2 certificate, string authorityPath, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var options = new ClientCertificateValidatorOptions { RequireCrl = false };
        options.TrustedRootCertificatePaths.Add(authorityPath);
        using var validator = new ClientCertificateValidator(options, NullLogger<ClientCertificateValidator>.Instance, timeProvider);
        var result = validator.Validate(certificate);
        if (!result.IsSuccess)
        {
            return result;
        }

        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension usage)
            {
                foreach (var oid in usage.EnhancedKeyUsages)
                {
                    if (oid.Value == ServerAuthentication)
                    {
                        return result;
                    }
                }
            }
        }

        return CertificateValidationResult.Failed(CertificateFailureKind.WrongUsage,
            $"{CertificateLabel.For(certificate)} is not an Aquila server certificate (no TLS server usage); use the server certificate your operator distributes.");
    }
}
