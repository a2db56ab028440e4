using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Pki;

/// <summary>One line of the CA's revocation list source (<c>revoked.tsv</c>).</summary>
/// <param name="SerialNumber">Serial number, upper-case hex.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Reason">Reason code written into the CRL, if any.</param>
public sealed record RevokedCertificateRecord(string SerialNumber, DateTimeOffset RevokedAt, X509RevocationReason? Reason);
