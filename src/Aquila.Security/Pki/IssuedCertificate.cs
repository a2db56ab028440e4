namespace Aquila.Security.Pki;

/// <summary>A certificate just issued by the CA.</summary>
/// <param name="SerialNumber">Serial number, 32 upper-case hex digits.</param>
/// <param name="Subject">Party, role and name of the holder.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="IsServerCertificate">True when it carries serverAuth and subject alternative names.</param>
/// <param name="Fingerprint">SHA-256 of the DER certificate, upper-case hex.</param>
/// <param name="Pem">The certificate as PEM, ready to be written for the holder.</param>
public sealed record IssuedCertificate(
    string SerialNumber,
    PartySubject Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    bool IsServerCertificate,
    string Fingerprint,
    string Pem)
{
    /// <summary>Writes the PEM certificate to <paramref name="path"/> (replacing it atomically).</summary>
    public void WriteTo(string path) => SecureFiles.WriteAtomically(path, Pem);
}
