using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Security.Pki;

/// <summary>
/// The holder's side of enrolment: a node (or analyst, coordinator, ...) creates its own P-256 key and a CSR in its
/// own directory — the private key never leaves it — and later loads the signed certificate with that key for
/// mutual TLS. Files are named after the subject's common name: <c>&lt;CN&gt;.key.pem</c>, <c>&lt;CN&gt;.csr.pem</c>,
/// <c>&lt;CN&gt;.crt.pem</c>.
/// </summary>
public static class NodeCredentials
{
    /// <summary>
    /// Generates a P-256 key pair and a PKCS#10 request for <paramref name="party"/> and <paramref name="role"/> in
    /// <paramref name="directory"/>. The key file is created with mode 0600 and never overwritten.
    /// </summary>
    /// <param name="party">Party code (two or three upper-case letters).</param>
    /// <param name="role">Role of the holder.</param>
    /// <param name="directory">The holder's directory; created (owner-only) if missing.</param>
    /// <param name="name">Distinguishes several certificates of one party and role (see <see cref="PartySubject"/>).</param>
    /// <param name="keyPassphrase">Encrypts the key file when given.</param>
    /// <param name="keyEncryptionIterations">PBKDF2 iterations for an encrypted key.</param>
    /// <exception cref="ArgumentException">Party, role or name is not valid.</exception>
    /// <exception cref="IOException">A key file for this subject already exists.</exception>
    public static CertificateSigningRequest CreateRequest(
        string party,
        PartyRole role,
        string directory,
        string name = "1",
        string? keyPassphrase = null,
        int keyEncryptionIterations = 600_000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var subject = new PartySubject(party, role, name);
        if (keyPassphrase is { Length: 0 })
        {
            throw new ArgumentException("An empty passphrase is not a passphrase; use null for an unencrypted key.", nameof(keyPassphrase));
        }

        SecureFiles.CreateDirectory(directory);
        var keyPath = KeyPath(directory, subject);
        var csrPath = Path.Combine(Path.GetFullPath(directory), subject.CommonName + ".csr.pem");

        using var key = KeyAlgorithms.CreateP256();
        var request = new CertificateRequest(subject.ToDistinguishedName(), key, HashAlgorithmName.SHA256);
        var pem = request.CreateSigningRequestPem();

        SecureFiles.WritePrivateKey(keyPath, KeyAlgorithms.ExportPrivateKeyPem(key, keyPassphrase, keyEncryptionIterations));
        SecureFiles.WriteAtomically(csrPath, pem);
        return new CertificateSigningRequest(subject, keyPath, csrPath, pem);
    }

    /// <summary>Where the private key of <paramref name="subject"/> lives in <paramref name="directory"/>.</summary>
    public static string KeyPath(string directory, PartySubject subject) =>
        Path.Combine(Path.GetFullPath(directory), subject.CommonName + ".key.pem");

    /// <summary>Where the signed certificate of <paramref name="subject"/> is expected in <paramref name="directory"/>.</summary>
    public static string CertificatePath(string directory, PartySubject subject) =>
        Path.Combine(Path.GetFullPath(directory), subject.CommonName + ".crt.pem");

    /// <summary>
    /// Loads a certificate together with its private key for use as a TLS client (or server) certificate.
    /// </summary>
    /// <exception cref="CertificateAuthorityException">A file is missing, the passphrase is wrong, or the key does not match.</exception>
    public static X509Certificate2 Load(string certificatePath, string keyPath, string? keyPassphrase = null)
    {
        if (!File.Exists(certificatePath))
        {
            throw new CertificateAuthorityException($"The certificate file '{certificatePath}' does not exist.");
        }

        if (!File.Exists(keyPath))
        {
            throw new CertificateAuthorityException($"The private key file '{keyPath}' does not exist.");
        }

        try
        {
            return keyPassphrase is null
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, keyPassphrase, keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CertificateAuthorityException(
                $"Could not load '{certificatePath}' with the key '{keyPath}': the key does not match, is encrypted, or the passphrase is wrong.",
                ex);
        }
    }
}
