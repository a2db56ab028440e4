using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Tests;

public sealed class SigningTests
{
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    [Fact]
    public void A_node_request_writes_an_owner_only_key_and_a_CSR_naming_party_and_role()
    {
        using var directory = new TempDirectory();

        var request = NodeCredentials.CreateRequest("RS", PartyRole.Node, directory.Path);

        var loaded = CertificateRequest.LoadSigningRequestPem(File.ReadAllText(request.CsrPath), HashAlgorithmName.SHA256);
        Assert.Equal(new PartySubject("RS", PartyRole.Node, "1"), PartySubject.Parse(loaded.SubjectName));
        Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(request.CsrPath), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(request.KeyPath));
        }
    }

    [Fact]
    public void A_second_request_for_the_same_subject_does_not_overwrite_the_key()
    {
        using var directory = new TempDirectory();
        var first = NodeCredentials.CreateRequest("RS", PartyRole.Node, directory.Path);
        var key = File.ReadAllText(first.KeyPath);

        Assert.Throws<IOException>(() => NodeCredentials.CreateRequest("RS", PartyRole.Node, directory.Path));

        Assert.Equal(key, File.ReadAllText(first.KeyPath));
    }

    [Fact]
    public void A_signed_client_certificate_has_client_usage_only_and_a_16_byte_serial()
    {
        using var pki = new TestPki();

        using var certificate = pki.EnrolCertificate("BA", PartyRole.Analyst);

        var usages = Assert.IsType<X509EnhancedKeyUsageExtension>(certificate.Extensions["2.5.29.37"]).EnhancedKeyUsages;
        Assert.Equal([ClientAuth], usages.Cast<Oid>().Select(oid => oid.Value));
        Assert.Equal(16, certificate.SerialNumberBytes.Length);
        Assert.Null(certificate.Extensions["2.5.29.17"]);
        Assert.Equal("CN=BA-analyst-1, OU=analyst, O=BA", certificate.Subject);
    }

    [Fact]
    public void Signing_records_serial_subject_and_expiry_in_the_index()
    {
        using var pki = new TestPki();

        var issued = pki.Enrol("ME", PartyRole.Node).Issued;

        var record = Assert.Single(pki.Authority.ListIssued());
        Assert.Equal(issued.SerialNumber, record.SerialNumber);
        Assert.Equal(issued.NotAfter, record.NotAfter);
        Assert.Contains("O=ME", record.Subject, StringComparison.Ordinal);
        Assert.True(File.Exists(pki.Authority.Files.IssuedCertificatePath(issued.SerialNumber)));
    }

    [Fact]
    public void Signing_uses_the_requested_validity()
    {
        using var pki = new TestPki();

        var issued = pki.Enrol("MK", PartyRole.Node, options: new CertificateIssueOptions { Validity = TimeSpan.FromDays(10) }).Issued;

        Assert.InRange((issued.NotAfter - DateTimeOffset.UtcNow).TotalDays, 9.99, 10.01);
    }

    [Fact]
    public void A_server_certificate_carries_server_usage_and_the_requested_names()
    {
        using var pki = new TestPki();

        var server = pki.Authority.IssueServerCertificate(
            pki.NodeDirectory("server"), ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback]);

        using var certificate = X509Certificate2.CreateFromPemFile(server.CertificatePath, server.KeyPath);
        var usages = Assert.IsType<X509EnhancedKeyUsageExtension>(certificate.Extensions["2.5.29.37"]).EnhancedKeyUsages;
        var names = Assert.IsType<X509SubjectAlternativeNameExtension>(certificate.Extensions["2.5.29.17"]);
        Assert.Equal([ClientAuth, ServerAuth], usages.Cast<Oid>().Select(oid => oid.Value));
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void An_issued_certificate_loads_with_its_key_as_a_usable_client_certificate()
    {
        using var pki = new TestPki();
        var (certificatePath, keyPath, _) = pki.Enrol("AL", PartyRole.Node);

        using var certificate = NodeCredentials.Load(certificatePath, keyPath);

        Assert.True(certificate.HasPrivateKey);
        using var key = certificate.GetECDsaPrivateKey()!;
        using var publicKey = certificate.GetECDsaPublicKey()!;
        var signature = key.SignData("hello"u8, HashAlgorithmName.SHA256);
        Assert.True(publicKey.VerifyData("hello"u8, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public void An_encrypted_node_key_loads_with_its_passphrase()
    {
        using var pki = new TestPki();
        var directory = pki.NodeDirectory("XK");
        var request = NodeCredentials.CreateRequest("XK", PartyRole.Node, directory, keyPassphrase: "node secret", keyEncryptionIterations: 1000);
        var certificatePath = NodeCredentials.CertificatePath(directory, request.Subject);
        pki.Authority.Sign(request.Pem).WriteTo(certificatePath);

        using var certificate = NodeCredentials.Load(certificatePath, request.KeyPath, "node secret");

        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void A_certificate_does_not_load_with_another_holders_key()
    {
        using var pki = new TestPki();
        var first = pki.Enrol("RS", PartyRole.Node, "a");
        var second = pki.Enrol("RS", PartyRole.Node, "b");

        Assert.Throws<CertificateAuthorityException>(() => NodeCredentials.Load(first.CertificatePath, second.KeyPath));
    }

    [Fact]
    public void A_CSR_with_a_bad_signature_is_refused()
    {
        using var pki = new TestPki();
        var request = NodeCredentials.CreateRequest("RS", PartyRole.Node, pki.NodeDirectory("RS"));
        var der = PemEncoding.Find(request.Pem) is var fields ? Convert.FromBase64String(request.Pem[fields.Base64Data]) : [];
        der[^1] ^= 0x01;
        var tampered = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        var error = Assert.Throws<CertificateAuthorityException>(() => pki.Authority.Sign(tampered));

        Assert.Contains("signature", error.Message, StringComparison.Ordinal);
        Assert.Empty(pki.Authority.ListIssued());
    }

    [Fact]
    public void A_CSR_with_an_RSA_key_is_refused()
    {
        using var pki = new TestPki();
        using var rsa = RSA.Create(2048);
        var csr = new CertificateRequest(Subject("RS", PartyRole.Node), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSigningRequestPem();

        var error = Assert.Throws<CertificateAuthorityException>(() => pki.Authority.Sign(csr));

        Assert.Contains("P-256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSR_with_a_P384_key_is_refused()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var csr = new CertificateRequest(Subject("RS", PartyRole.Node), key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        Assert.Throws<CertificateAuthorityException>(() => pki.Authority.Sign(csr));
    }

    [Fact]
    public void A_CSR_without_party_and_role_is_refused()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=someone", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        var error = Assert.Throws<CertificateAuthorityException>(() => pki.Authority.Sign(csr));

        Assert.Contains("subject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSR_for_another_party_than_expected_is_refused()
    {
        using var pki = new TestPki();
        var request = NodeCredentials.CreateRequest("RS", PartyRole.Node, pki.NodeDirectory("RS"));

        var error = Assert.Throws<CertificateAuthorityException>(
            () => pki.Authority.Sign(request.Pem, new CertificateIssueOptions { ExpectedParty = "BA" }));

        Assert.Contains("BA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSR_for_another_role_than_expected_is_refused()
    {
        using var pki = new TestPki();
        var request = NodeCredentials.CreateRequest("RS", PartyRole.Coordinator, pki.NodeDirectory("RS"));

        Assert.Throws<CertificateAuthorityException>(
            () => pki.Authority.Sign(request.Pem, new CertificateIssueOptions { ExpectedRole = PartyRole.Node }));
    }

    [Fact]
    public void A_certificate_outliving_the_CA_is_refused()
    {
        using var pki = new TestPki(new CertificateAuthorityOptions { Validity = TimeSpan.FromDays(30) });
        var request = NodeCredentials.CreateRequest("RS", PartyRole.Node, pki.NodeDirectory("RS"));

        Assert.Throws<CertificateAuthorityException>(
            () => pki.Authority.Sign(request.Pem, new CertificateIssueOptions { Validity = TimeSpan.FromDays(60) }));
    }

    [Fact]
    public void Requested_extensions_in_a_CSR_are_ignored()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject("RS", PartyRole.Node), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));

        var issued = pki.Authority.Sign(request.CreateSigningRequestPem());

        using var certificate = X509Certificate2.CreateFromPem(issued.Pem);
        Assert.False(Assert.IsType<X509BasicConstraintsExtension>(certificate.Extensions["2.5.29.19"]).CertificateAuthority);
    }

    private static X500DistinguishedName Subject(string party, PartyRole role) =>
        new PartySubject(party, role, "1").ToDistinguishedName();
}
