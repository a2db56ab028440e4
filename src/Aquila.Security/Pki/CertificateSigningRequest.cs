namespace Aquila.Security.Pki;

/// <summary>A node's new key pair and certificate signing request, written by <see cref="NodeCredentials.CreateRequest"/>.</summary>
/// <param name="Subject">Party, role and name in the request.</param>
/// <param name="KeyPath">The private key file (mode 0600); it stays in the node directory.</param>
/// <param name="CsrPath">The PKCS#10 request, PEM; send this file to the CA operator.</param>
/// <param name="Pem">The request's PEM text.</param>
public sealed record CertificateSigningRequest(PartySubject Subject, string KeyPath, string CsrPath, string Pem);
