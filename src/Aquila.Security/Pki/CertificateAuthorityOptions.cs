namespace Aquila.Security.Pki;

/// <summary>Settings of a certificate authority. Defaults suit an offline operator CA.</summary>
public sealed class CertificateAuthorityOptions
{
    /// <summary>Common name of the root certificate (used only by <see cref="CertificateAuthority.Create"/>).</summary>
    public string CommonName { get; set; } = "Aquila Root CA";

    /// <summary>Validity of the root certificate (used only by <see cref="CertificateAuthority.Create"/>).</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromDays(3650);

    /// <summary>Default validity of issued leaf certificates.</summary>
    public TimeSpan LeafValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Time from publishing a CRL to its nextUpdate; the operator must publish a fresh CRL before then.</summary>
    public TimeSpan CrlValidity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far back the notBefore of new certificates and CRLs is set, so peers with a slightly slow clock accept them.
    /// </summary>
    public TimeSpan Backdate { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Passphrase protecting the CA private key file; null writes (and expects) an unencrypted key.</summary>
    public string? KeyPassphrase { get; set; }

    /// <summary>PBKDF2 iterations for an encrypted key file.</summary>
    public int KeyEncryptionIterations { get; set; } = 600_000;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(CommonName))
        {
            throw new ArgumentException("The CA common name must not be empty.", nameof(CommonName));
        }

        if (Validity <= TimeSpan.Zero || LeafValidity <= TimeSpan.Zero || CrlValidity <= TimeSpan.Zero)
        {
            throw new ArgumentException("CA, leaf and CRL validity must be positive.");
        }

        if (Backdate < TimeSpan.Zero)
        {
            throw new ArgumentException("Backdate must not be negative.", nameof(Backdate));
        }

        if (KeyEncryptionIterations < 1)
        {
            throw new ArgumentException("Key encryption iterations must be at least 1.", nameof(KeyEncryptionIterations));
        }

        if (KeyPassphrase is { Length: 0 })
        {
            throw new ArgumentException("An empty passphrase is not a passphrase; use null for an unencrypted key.", nameof(KeyPassphrase));
        }
    }
}
