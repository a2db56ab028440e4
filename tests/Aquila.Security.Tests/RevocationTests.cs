using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;
using Microsoft.Extensions.Logging;

namespace Aquila.Security.Tests;

public sealed class RevocationTests
{
    [Fact]
    public void Revoking_a_serial_records_it_and_publishes_a_CRL_listing_it()
    {
        using var pki = new TestPki();
        var issued = pki.Enrol("RS", PartyRole.Node).Issued;

        var publication = pki.Authority.Revoke(issued.SerialNumber);

        Assert.Equal(issued.SerialNumber, Assert.Single(pki.Authority.ListRevoked()).SerialNumber);
        Assert.Equal(1, publication.RevokedCount);
        var builder = CertificateRevocationListBuilder.LoadPem(File.ReadAllText(publication.Path), out var number);
        Assert.Equal(publication.Number, number);
        Assert.True(builder.RemoveEntry(Convert.FromHexString(issued.SerialNumber)));
    }

    [Fact]
    public void Every_published_CRL_has_a_higher_number()
    {
        using var pki = new TestPki();

        var first = pki.Authority.PublishCrl();
        var second = pki.Authority.PublishCrl();

        Assert.True(second.Number > first.Number);
    }

    [Fact]
    public void The_CRL_next_update_follows_the_options()
    {
        using var pki = new TestPki(new CertificateAuthorityOptions { CrlValidity = TimeSpan.FromDays(2) });

        var publication = pki.Authority.PublishCrl();

        Assert.InRange((publication.NextUpdate - DateTimeOffset.UtcNow).TotalDays, 1.99, 2.01);
    }

    [Fact]
    public void Revoking_a_certificate_file_revokes_its_serial()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);

        pki.Authority.Revoke(certificate);

        Assert.Equal(certificate.SerialNumber, Assert.Single(pki.Authority.ListRevoked()).SerialNumber);
    }

    [Fact]
    public void Revoking_a_serial_written_with_colons_and_lower_case_works()
    {
        using var pki = new TestPki();
        var serial = pki.Enrol("RS", PartyRole.Node).Issued.SerialNumber;
        var typed = string.Join(':', serial.ToLowerInvariant().Chunk(2).Select(pair => new string(pair)));

        pki.Authority.Revoke(typed);

        Assert.Equal(serial, Assert.Single(pki.Authority.ListRevoked()).SerialNumber);
    }

    [Fact]
    public void Revoking_an_unknown_serial_is_refused()
    {
        using var pki = new TestPki();

        Assert.Throws<CertificateAuthorityException>(() => pki.Authority.Revoke("0123456789ABCDEF"));
    }

    [Fact]
    public void Revoking_a_certificate_of_another_CA_is_refused()
    {
        using var pki = new TestPki();
        using var other = new TestPki();
        using var foreign = other.EnrolCertificate("RS", PartyRole.Node);

        Assert.Throws<CertificateAuthorityException>(() => pki.Authority.Revoke(foreign));
    }

    [Fact]
    public void Revoking_twice_lists_the_serial_once()
    {
        using var pki = new TestPki();
        var serial = pki.Enrol("RS", PartyRole.Node).Issued.SerialNumber;

        pki.Authority.Revoke(serial);
        var second = pki.Authority.Revoke(serial);

        Assert.Equal(1, second.RevokedCount);
    }

    [Fact]
    public void A_revocation_after_the_validator_loaded_an_older_CRL_is_picked_up()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        using var validator = pki.Validator();
        Assert.True(validator.Validate(certificate).IsSuccess);

        pki.Authority.Revoke(certificate.SerialNumber);
        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.Revoked, result.Failure);
        Assert.Contains(certificate.SerialNumber, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoking_one_certificate_leaves_the_others_accepted()
    {
        using var pki = new TestPki();
        using var revoked = pki.EnrolCertificate("RS", PartyRole.Node, "a");
        using var kept = pki.EnrolCertificate("RS", PartyRole.Node, "b");
        pki.Authority.Revoke(revoked);
        using var validator = pki.Validator();

        var result = validator.Validate(kept);

        Assert.True(result.IsSuccess, result.Message);
    }

    [Fact]
    public void A_CRL_copied_to_the_servers_path_reaches_the_validator()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var serverCrl = Path.Combine(pki.Root, "server-crl.pem");
        pki.Authority.PublishCrl().CopyTo(serverCrl);
        var options = pki.ValidatorOptions();
        options.CrlPaths.Clear();
        options.CrlPaths.Add(serverCrl);
        using var validator = pki.Validator(options);
        Assert.True(validator.Validate(certificate).IsSuccess);

        pki.Authority.Revoke(certificate).CopyTo(serverCrl);
        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.Revoked, result.Failure);
    }

    [Fact]
    public void A_tampered_CRL_makes_every_certificate_fail_closed_and_is_logged()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var logger = new RecordingLogger<ClientCertificateValidator>();
        using var validator = pki.Validator(logger: logger);
        Assert.True(validator.Validate(certificate).IsSuccess);

        var der = CrlDer(pki);
        der[^1] ^= 0x01;
        File.WriteAllBytes(pki.Authority.Files.CrlPath, der);
        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.RevocationUnknown, result.Failure);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Error && entry.EventId.Id == 12);
    }

    [Fact]
    public void A_valid_CRL_after_a_tampered_one_is_accepted_again()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        using var validator = pki.Validator();
        var der = CrlDer(pki);
        der[^1] ^= 0x01;
        File.WriteAllBytes(pki.Authority.Files.CrlPath, der);
        Assert.False(validator.Validate(certificate).IsSuccess);

        pki.Authority.PublishCrl();
        var result = validator.Validate(certificate);

        Assert.True(result.IsSuccess, result.Message);
    }

    [Fact]
    public void A_half_written_CRL_is_not_used_and_the_completed_file_is()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        pki.Authority.Revoke(certificate);
        var der = CrlDer(pki);
        File.WriteAllBytes(pki.Authority.Files.CrlPath, der[..(der.Length / 2)]);
        using var validator = pki.Validator();
        var halfWritten = validator.Validate(certificate);

        File.WriteAllBytes(pki.Authority.Files.CrlPath, der);
        var completed = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.RevocationUnknown, halfWritten.Failure);
        Assert.Equal(CertificateFailureKind.Revoked, completed.Failure);
    }

    [Fact]
    public void A_DER_CRL_file_is_read_as_well_as_PEM()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        pki.Authority.Revoke(certificate);
        File.WriteAllBytes(pki.Authority.Files.CrlPath, CrlDer(pki));
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.Revoked, result.Failure);
    }

    [Fact]
    public void Putting_back_an_older_CRL_is_refused()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var older = File.ReadAllText(pki.Authority.Files.CrlPath);
        pki.Authority.Revoke(certificate);
        using var validator = pki.Validator();
        Assert.Equal(CertificateFailureKind.Revoked, validator.Validate(certificate).Failure);

        File.WriteAllText(pki.Authority.Files.CrlPath, older);
        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.RevocationUnknown, result.Failure);
    }

    [Fact]
    public void A_CRL_signed_by_another_CA_fails_closed()
    {
        using var pki = new TestPki();
        using var other = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        File.Copy(other.Authority.Files.CrlPath, pki.Authority.Files.CrlPath, overwrite: true);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.RevocationUnknown, result.Failure);
    }

    [Fact]
    public void A_missing_CRL_file_fails_closed()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        File.Delete(pki.Authority.Files.CrlPath);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.RevocationUnknown, result.Failure);
    }

    [Fact]
    public void Without_a_configured_CRL_certificates_fail_closed_by_default()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var options = pki.ValidatorOptions();
        options.CrlPaths.Clear();
        using var validator = pki.Validator(options);

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.RevocationUnknown, result.Failure);
    }

    [Fact]
    public void Without_a_configured_CRL_certificates_are_accepted_when_the_CRL_is_not_required()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var options = pki.ValidatorOptions();
        options.CrlPaths.Clear();
        options.RequireCrl = false;
        using var validator = pki.Validator(options);

        var result = validator.Validate(certificate);

        Assert.True(result.IsSuccess, result.Message);
    }

    [Fact]
    public void A_stale_CRL_fails_closed_by_default()
    {
        using var pki = StalePki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        using var validator = pki.Validator();

        var result = validator.Validate(certificate);

        Assert.Equal(CertificateFailureKind.RevocationUnknown, result.Failure);
        Assert.Contains("fresh CRL", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_CRL_is_used_with_a_warning_when_allowed()
    {
        using var pki = StalePki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var options = pki.ValidatorOptions();
        options.AcceptStaleCrl = true;
        var logger = new RecordingLogger<ClientCertificateValidator>();
        using var validator = pki.Validator(options, logger);

        var result = validator.Validate(certificate);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.EventId.Id == 13);
    }

    [Fact]
    public async Task Concurrent_validations_during_CRL_replacements_never_accept_a_revoked_certificate()
    {
        using var pki = new TestPki();
        using var revoked = pki.EnrolCertificate("RS", PartyRole.Node, "gone");
        using var kept = pki.EnrolCertificate("RS", PartyRole.Node, "kept");
        pki.Authority.Revoke(revoked);
        using var validator = pki.Validator();

        var publisher = Task.Run(() =>
        {
            for (var i = 0; i < 30; i++)
            {
                pki.Authority.PublishCrl();
            }
        }, TestContext.Current.CancellationToken);
        var failures = new List<CertificateFailureKind>();
        var checker = Task.Run(() =>
        {
            while (!publisher.IsCompleted)
            {
                var result = validator.Validate(revoked);
                lock (failures)
                {
                    failures.Add(result.Failure);
                }
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll(publisher, checker);

        Assert.DoesNotContain(CertificateFailureKind.None, failures);
        Assert.True(validator.Validate(kept).IsSuccess);
    }

    [Fact]
    public void The_CRL_health_check_reports_a_fresh_CRL_as_healthy()
    {
        using var pki = new TestPki();
        using var validator = pki.Validator();

        Assert.True(validator.IsCrlHealthy(out var description), description);
    }

    [Fact]
    public void The_CRL_health_check_reports_a_stale_CRL()
    {
        using var pki = StalePki();
        using var validator = pki.Validator();

        Assert.False(validator.IsCrlHealthy(out var description));
        Assert.Contains("stale", description, StringComparison.Ordinal);
    }

    private static TestPki StalePki()
    {
        // A CA whose clock stood 30 days ago published its CRL then; the CRL's nextUpdate (7 days later) has passed.
        var past = new FixedTimeProvider(DateTimeOffset.UtcNow.AddDays(-30));
        return new TestPki(time: past);
    }

    private static byte[] CrlDer(TestPki pki)
    {
        var pem = File.ReadAllText(pki.Authority.Files.CrlPath);
        var fields = PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
