namespace Aquila.Security.Pki;

/// <summary>The server's certificate and key files written by <see cref="CertificateAuthority.IssueServerCertificate"/>.</summary>
/// <param name="Certificate">What was issued.</param>
/// <param name="CertificatePath">The certificate, PEM.</param>
/// <param name="KeyPath">The private key, PKCS#8 PEM, mode 0600.</param>
public sealed record ServerCredentials(IssuedCertificate Certificate, string CertificatePath, string KeyPath);
