using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Ceremony;

/// <summary>
/// Decides whether a registration's node certificate is trusted: chains to the project CA, is valid, not revoked,
/// and carries a party and role. <see cref="CeremonyTrust.From(ClientCertificateValidator)"/> adapts the server's
/// validator; tests may pass their own.
/// </summary>
public delegate CertificateValidationResult CeremonyCertificateCheck(X509Certificate2 certificate);
