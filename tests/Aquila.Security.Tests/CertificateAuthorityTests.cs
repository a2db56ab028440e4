using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Tests;

public sealed class CertificateAuthorityTests
{
    [Fact]
    public void Creating_a_CA_writes_certificate_key_indexes_and_an_empty_CRL()
    {
        using var pki = new TestPki();
        var files = pki.Authority.Files;

        Assert.True(File.Exists(files.CertificatePath));
        Assert.True(File.Exists(files.KeyPath));
        Assert.True(File.Exists(files.IssuedIndexPath));
        Assert.True(File.Exists(files.RevokedIndexPath));
        Assert.StartsWith("-----BEGIN X509 CRL-----", File.ReadAllText(files.CrlPath), StringComparison.Ordinal);
    }

    [Fact]
    public void The_CA_key_file_is_readable_by_its_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        using var pki = new TestPki();

        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(pki.Authority.Files.KeyPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void The_root_is_a_P256_CA_for_signing_certificates_and_CRLs()
    {
        using var pki = new TestPki();
        var root = pki.Authority.Certificate;

        var constraints = Assert.IsType<X509BasicConstraintsExtension>(root.Extensions["2.5.29.19"]);
        var usage = Assert.IsType<X509KeyUsageExtension>(root.Extensions["2.5.29.15"]);

        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.Equal("ECDSA_P256", NamedCurve(root));
    }

    [Fact]
    public void The_root_validity_follows_the_options()
    {
        var options = new CertificateAuthorityOptions { Validity = TimeSpan.FromDays(100) };
        using var pki = new TestPki(options);

        var lifetime = pki.Authority.Certificate.NotAfter - pki.Authority.Certificate.NotBefore;

        Assert.InRange(lifetime.TotalDays, 100, 100.01);
    }

    [Fact]
    public void Creating_a_CA_over_an_existing_one_is_refused()
    {
        using var pki = new TestPki();

        Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Create(pki.Authority.Files.Directory));
    }

    [Fact]
    public void A_loaded_CA_has_the_same_root_certificate()
    {
        using var pki = new TestPki();

        using var loaded = CertificateAuthority.Load(pki.Authority.Files.Directory);

        Assert.Equal(pki.Authority.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
    }

    [Fact]
    public void An_encrypted_CA_key_loads_with_its_passphrase()
    {
        var options = new CertificateAuthorityOptions { KeyPassphrase = "correct horse", KeyEncryptionIterations = 1000 };
        using var pki = new TestPki(options);

        using var loaded = CertificateAuthority.Load(pki.Authority.Files.Directory, options);

        Assert.Contains("ENCRYPTED PRIVATE KEY", File.ReadAllText(pki.Authority.Files.KeyPath), StringComparison.Ordinal);
        Assert.Equal(pki.Authority.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
    }

    [Fact]
    public void An_encrypted_CA_key_does_not_load_with_a_wrong_passphrase()
    {
        var options = new CertificateAuthorityOptions { KeyPassphrase = "correct horse", KeyEncryptionIterations = 1000 };
        using var pki = new TestPki(options);
        var wrong = new CertificateAuthorityOptions { KeyPassphrase = "battery staple" };

        var error = Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Load(pki.Authority.Files.Directory, wrong));

        Assert.Contains("passphrase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_CA_key_does_not_load_without_a_passphrase()
    {
        var options = new CertificateAuthorityOptions { KeyPassphrase = "correct horse", KeyEncryptionIterations = 1000 };
        using var pki = new TestPki(options);

        Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Load(pki.Authority.Files.Directory));
    }

    [Fact]
    public void Loading_a_directory_without_a_CA_says_how_to_create_one()
    {
        using var directory = new TempDirectory();

        var error = Assert.Throws<CertificateAuthorityException>(() => CertificateAuthority.Load(directory.Path));

        Assert.Contains("aquila ca init", error.Message, StringComparison.Ordinal);
    }

    private static string NamedCurve(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPublicKey()!;
        var curve = key.ExportParameters(false).Curve;
        return curve.Oid.Value == "1.2.840.10045.3.1.7" ? "ECDSA_P256" : curve.Oid.Value ?? "";
    }
}
