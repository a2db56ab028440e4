using Aquila.Security.Pki;

namespace Aquila.Security.Ceremony;

/// <summary>Ready-made <see cref="CeremonyCertificateCheck"/>s.</summary>
public static class CeremonyTrust
{
    /// <summary>
    /// Checks registration certificates the way the server checks client certificates: direct chain to the
    /// project's root, validity, P-256 key, strict subject, and revocation as the validator is configured. A node
    /// builds the validator from its <c>ca.crt.pem</c> (and the CA's CRL when it has one).
    /// </summary>
    public static CeremonyCertificateCheck From(ClientCertificateValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return certificate => validator.Validate(certificate);
    }
}
