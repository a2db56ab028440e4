using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security;

/// <summary>
/// Who a validated certificate belongs to. The caller of every server operation is derived from this, never from a
/// request field.
/// </summary>
/// <param name="Party">Party code (RS, BA, ..., PCC).</param>
/// <param name="Role">Role of the holder.</param>
/// <param name="SerialNumber">Certificate serial number, upper-case hex, big-endian.</param>
/// <param name="Fingerprint">SHA-256 of the DER certificate, upper-case hex.</param>
/// <param name="CommonName">Subject common name, <c>&lt;party&gt;-&lt;role&gt;-&lt;name&gt;</c>.</param>
/// <param name="NotAfter">End of the certificate's validity, so a host can cap connection lifetime.</param>
public sealed record PartyIdentity(
    string Party,
    PartyRole Role,
    string SerialNumber,
    string Fingerprint,
    string CommonName,
    DateTimeOffset NotAfter)
{
    /// <summary>
    /// Reads the identity from a certificate's subject (strictly, see <see cref="PartySubject"/>). This does not
    /// check trust, validity or revocation: use <c>ClientCertificateValidator</c> for certificates of peers.
    /// </summary>
    public static bool TryFromCertificate(
        X509Certificate2 certificate,
        [NotNullWhen(true)] out PartyIdentity? identity,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!PartySubject.TryParse(certificate.SubjectName, out var subject, out error))
        {
            identity = null;
            return false;
        }

        identity = new PartyIdentity(
            subject.Party,
            subject.Role,
            certificate.SerialNumber,
            certificate.GetCertHashString(HashAlgorithmName.SHA256),
            subject.CommonName,
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        return true;
    }

    /// <summary>Short description safe for logs and messages: party, role and serial number.</summary>
    public override string ToString() => $"{Party}/{PartyRoleText.ToText(Role)} (serial {SerialNumber})";
}
