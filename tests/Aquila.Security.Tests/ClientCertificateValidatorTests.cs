using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Tests;

public sealed class ClientCertificateValidatorTests
{
    [Fact]
    public void A_certificate_issued_from_a_node_CSR_is_accepted_with_its_party_and_role()
    {
        using var pki = new TestPki();
        var issued = pki.Enrol("RS", PartyRole.Node).Issued;
        using var certificate = X509Certificate2.CreateFromPem(issued.Pem);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal("RS", result.Identity.Party);
        Assert.Equal(PartyRole.Node, result.Identity.Role);
        Assert.Equal(issued.SerialNumber, result.Identity.SerialNumber);
        Assert.Equal(issued.Fingerprint, result.Identity.Fingerprint);
        Assert.Equal("RS-node-1", result.Identity.CommonName);
    }

    [Fact]
    public void A_missing_certificate_is_refused()
    {
        using var pki = new TestPki();
        using var validator = pki.Validator();

        var result = validator.Validate(null);

        Assert.Equal(CertificateFailureKind.Missing, result.Failure);
    }

    [Fact]
    public void A_self_signed_certificate_with_a_valid_subject_is_untrusted()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new PartySubject("RS", PartyRole.Node, "1").ToDistinguishedName(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.Untrusted, result.Failure);
    }

    [Fact]
    public void A_certificate_from_another_CA_is_untrusted()
    {
        using var pki = new TestPki();
        using var other = new TestPki();
        using var certificate = other.EnrolCertificate("RS", PartyRole.Node);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.Untrusted, result.Failure);
    }

    [Fact]
    public void The_root_certificate_itself_is_not_a_client_certificate()
    {
        using var pki = new TestPki();
        using var validator = pki.Validator();

        var result = validator.Validate(pki.Authority.Certificate);

        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void An_expired_certificate_is_refused_as_expired()
    {
        using var pki = new TestPki();
        var now = DateTimeOffset.UtcNow;
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node, options: new CertificateIssueOptions
        {
            NotBefore = now.AddDays(-30),
            NotAfter = now.AddDays(-1),
        });
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.Expired, result.Failure);
    }

    [Fact]
    public void A_certificate_that_expired_within_the_clock_skew_is_accepted()
    {
        using var pki = new TestPki();
        var now = DateTimeOffset.UtcNow;
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node, options: new CertificateIssueOptions
        {
            NotBefore = now.AddDays(-30),
            NotAfter = now.AddMinutes(-1),
        });
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.True(result.IsSuccess, result.Message);
    }

    [Fact]
    public void A_not_yet_valid_certificate_is_refused_as_not_yet_valid()
    {
        using var pki = new TestPki();
        var now = DateTimeOffset.UtcNow;
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node, options: new CertificateIssueOptions
        {
            NotBefore = now.AddDays(1),
            NotAfter = now.AddDays(30),
        });
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.NotYetValid, result.Failure);
    }

    [Fact]
    public void An_RSA_certificate_signed_by_the_CA_is_refused_for_its_key_type()
    {
        using var pki = new TestPki();
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(
            new PartySubject("RS", PartyRole.Node, "1").ToDistinguishedName(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = pki.Craft(request);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.WrongKeyType, result.Failure);
        Assert.Contains("RSA", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_P384_certificate_signed_by_the_CA_is_refused_for_its_key_type()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var request = new CertificateRequest(new PartySubject("RS", PartyRole.Node, "1").ToDistinguishedName(), key, HashAlgorithmName.SHA384);
        using var certificate = pki.Craft(request);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.WrongKeyType, result.Failure);
    }

    [Fact]
    public void A_certificate_without_party_and_role_is_refused_without_repeating_its_subject()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Canary Zebrovic", key, HashAlgorithmName.SHA256);
        using var certificate = pki.Craft(request);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.BadSubject, result.Failure);
        Assert.Contains(certificate.SerialNumber, result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_for_servers_only_is_refused_for_its_usage()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new PartySubject("RS", PartyRole.Node, "1").ToDistinguishedName(), key, HashAlgorithmName.SHA256);
        using var certificate = pki.Craft(request, extendedKeyUsageOid: "1.3.6.1.5.5.7.3.1");
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.WrongUsage, result.Failure);
    }

    [Fact]
    public void The_server_certificate_is_accepted_as_the_operator_of_the_secretariat()
    {
        using var pki = new TestPki();
        var server = pki.Authority.IssueServerCertificate(pki.NodeDirectory("server"), ["localhost"], []);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(server.CertificatePath));
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal((PartyCode.Secretariat, PartyRole.Operator), (result.Identity.Party, result.Identity.Role));
    }

    [Fact]
    public void Failure_messages_name_serial_and_fingerprint_but_not_the_certificate_name()
    {
        using var pki = new TestPki();
        var now = DateTimeOffset.UtcNow;
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Analyst, "CanaryZebra", new CertificateIssueOptions
        {
            NotBefore = now.AddDays(-30),
            NotAfter = now.AddDays(-1),
        });
        var logger = new RecordingLogger<ClientCertificateValidator>();
        using var validator = pki.Validator(logger: logger);

        var result = validator.Validate(certificate);

        Assert.Contains(certificate.SerialNumber, result.Message, StringComparison.Ordinal);
        Assert.Contains(certificate.GetCertHashString(HashAlgorithmName.SHA256), result.Message, StringComparison.Ordinal);
        Assert.Contains("party RS, role analyst", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary", result.Message, StringComparison.Ordinal);
        Assert.All(logger.Entries, entry => Assert.DoesNotContain("Canary", entry.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_validator_without_trusted_roots_cannot_be_created()
    {
        var options = new ClientCertificateValidatorOptions();

        Assert.Throws<ArgumentException>(() => new ClientCertificateValidator(options, new RecordingLogger<ClientCertificateValidator>()));
    }

    [Fact]
    public void A_leaf_certificate_is_not_accepted_as_a_trusted_root()
    {
        using var pki = new TestPki();
        var (certificatePath, _, _) = pki.Enrol("RS", PartyRole.Node);
        var options = new ClientCertificateValidatorOptions();
        options.TrustedRootCertificatePaths.Add(certificatePath);

        Assert.Throws<ArgumentException>(() => new ClientCertificateValidator(options, new RecordingLogger<ClientCertificateValidator>()));
    }
}
