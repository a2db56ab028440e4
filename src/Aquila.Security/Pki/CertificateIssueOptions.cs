using System.Net;

namespace Aquila.Security.Pki;

/// <summary>How one certificate is issued by <see cref="CertificateAuthority.Sign"/>.</summary>
public sealed class CertificateIssueOptions
{
    /// <summary>Validity from notBefore; null uses <see cref="CertificateAuthorityOptions.LeafValidity"/>.</summary>
    public TimeSpan? Validity { get; set; }

    /// <summary>Explicit start of validity; null means now minus <see cref="CertificateAuthorityOptions.Backdate"/>.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Explicit end of validity; overrides <see cref="Validity"/>.</summary>
    public DateTimeOffset? NotAfter { get; set; }

    /// <summary>When set, the CSR must name this party, or signing is refused.</summary>
    public string? ExpectedParty { get; set; }

    /// <summary>When set, the CSR must name this role, or signing is refused.</summary>
    public PartyRole? ExpectedRole { get; set; }

    /// <summary>
    /// DNS names of a server certificate. When this or <see cref="IpAddresses"/> is non-empty the certificate gets
    /// the serverAuth usage and a subjectAltName as well as clientAuth.
    /// </summary>
    public IList<string> DnsNames { get; } = [];

    /// <summary>IP addresses of a server certificate (see <see cref="DnsNames"/>).</summary>
    public IList<IPAddress> IpAddresses { get; } = [];

    internal bool IsServerCertificate => DnsNames.Count > 0 || IpAddresses.Count > 0;
}
