using Aquila.Security.Pki;

namespace Aquila.Security.Tests;

/// <summary>Issue 17, item 5: the highest CRL number used outlives the validator (a server restart).</summary>
public sealed class CrlNumberRecordTests
{
    [Fact]
    public void A_new_validator_on_the_same_record_refuses_an_older_CRL_and_keeps_the_revoked_certificate_out()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var older = File.ReadAllBytes(pki.Authority.PublishCrl().Path);
        pki.Authority.Revoke(certificate);
        var options = pki.ValidatorOptions();
        options.CrlNumberRecordPath = Path.Combine(pki.Root, "data", "crl-numbers");
        Directory.CreateDirectory(Path.GetDirectoryName(options.CrlNumberRecordPath)!);
        using (var first = pki.Validator(options))
        {
            Assert.Equal(CertificateFailureKind.Revoked, first.Validate(certificate).Failure);
        }

        File.WriteAllBytes(pki.Authority.Files.CrlPath, older);
        using var restarted = pki.Validator(options);

        Assert.False(restarted.CheckCrlsNotRolledBack(out var problem));
        Assert.Contains("older than one this server already used", problem, StringComparison.Ordinal);
        Assert.Equal(CertificateFailureKind.RevocationUnknown, restarted.Validate(certificate).Failure);
    }

    [Fact]
    public void Without_a_record_a_new_validator_accepts_the_older_CRL_as_before()
    {
        using var pki = new TestPki();
        using var certificate = pki.EnrolCertificate("RS", PartyRole.Node);
        var older = File.ReadAllBytes(pki.Authority.PublishCrl().Path);
        pki.Authority.Revoke(certificate);
        using (var first = pki.Validator())
        {
            Assert.Equal(CertificateFailureKind.Revoked, first.Validate(certificate).Failure);
        }

        File.WriteAllBytes(pki.Authority.Files.CrlPath, older);
        using var restarted = pki.Validator();

        Assert.True(restarted.CheckCrlsNotRolledBack(out _));
        Assert.True(restarted.Validate(certificate).IsSuccess);
    }

    [Fact]
    public void A_damaged_record_is_refused_naming_the_file()
    {
        using var pki = new TestPki();
        var options = pki.ValidatorOptions();
        options.CrlNumberRecordPath = Path.Combine(pki.Root, "crl-numbers");
        File.WriteAllText(options.CrlNumberRecordPath, "not a record\n");

        var error = Assert.Throws<InvalidDataException>(() => pki.Validator(options));

        Assert.Contains(options.CrlNumberRecordPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_write_that_creates_the_record_flushes_its_directory_so_the_new_file_survives_a_power_cut()
    {
        using var dir = new TempDirectory();
        var flushed = new List<string>();
        var path = dir.File("crl-numbers");
        var issuer = new string('a', 64);

        var record = CrlNumberRecord.Open(path, flushed.Add);
        record.Raise(issuer, 1);
        var afterCreate = flushed.ToArray();
        record.Raise(issuer, 2);
        CrlNumberRecord.Open(path, flushed.Add).Raise(issuer, 3);

        Assert.Equal([dir.Path], afterCreate);
        // Rewrites in place change no directory entry: the file's own fsync is enough.
        Assert.Equal([dir.Path], flushed);
        Assert.Equal(3, (int)CrlNumberRecord.Open(path).HighestFor(issuer));
    }
}
