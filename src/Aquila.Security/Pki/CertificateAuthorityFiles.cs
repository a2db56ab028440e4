namespace Aquila.Security.Pki;

/// <summary>The files of a CA directory (see docs/pki.md).</summary>
public sealed class CertificateAuthorityFiles
{
    /// <summary>Names the files inside <paramref name="directory"/>.</summary>
    public CertificateAuthorityFiles(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The CA directory.</summary>
    public string Directory { get; }

    /// <summary>Root certificate, PEM. Distribute it to servers and nodes as the trust anchor.</summary>
    public string CertificatePath => Path.Combine(Directory, "ca.crt.pem");

    /// <summary>Root private key, PKCS#8 PEM (encrypted when a passphrase was given), mode 0600.</summary>
    public string KeyPath => Path.Combine(Directory, "ca.key.pem");

    /// <summary>Index of issued certificates: serial, notBefore, notAfter, profile, subject (tab-separated).</summary>
    public string IssuedIndexPath => Path.Combine(Directory, "issued.tsv");

    /// <summary>Revoked serials: serial, revocation time, reason (tab-separated); the source of every CRL.</summary>
    public string RevokedIndexPath => Path.Combine(Directory, "revoked.tsv");

    /// <summary>The current CRL, PEM; replaced atomically on every publication.</summary>
    public string CrlPath => Path.Combine(Directory, "crl.pem");

    /// <summary>Number of the last published CRL.</summary>
    public string CrlNumberPath => Path.Combine(Directory, "crl-number");

    /// <summary>Directory with a copy of every issued certificate, named by serial.</summary>
    public string IssuedDirectory => Path.Combine(Directory, "issued");

    /// <summary>Path of the copy of the certificate with <paramref name="serialNumber"/>.</summary>
    public string IssuedCertificatePath(string serialNumber) => Path.Combine(IssuedDirectory, serialNumber + ".crt.pem");
}
