namespace Aquila.Security.Pki;

/// <summary>One line of the CA's issued-certificates index (<c>issued.tsv</c>).</summary>
/// <param name="SerialNumber">Serial number, upper-case hex.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="IsServerCertificate">True for a server certificate.</param>
/// <param name="Subject">The subject distinguished name as text.</param>
public sealed record IssuedCertificateRecord(
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    bool IsServerCertificate,
    string Subject);
