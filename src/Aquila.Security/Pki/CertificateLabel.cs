using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Pki;

/// <summary>
/// How messages name a certificate: serial, SHA-256 fingerprint, and party and role when the subject parses — never
/// other subject text, which is untrusted input and may hold a person's name.
/// </summary>
internal static class CertificateLabel
{
    public static string For(X509Certificate2 certificate)
    {
        var text = $"Certificate serial {certificate.SerialNumber} (SHA-256 {certificate.GetCertHashString(HashAlgorithmName.SHA256)}";
        return PartySubject.TryParse(certificate.SubjectName, out var subject, out _)
            ? $"{text}, party {subject.Party}, role {PartyRoleText.ToText(subject.Role)})"
            : text + ")";
    }
}
