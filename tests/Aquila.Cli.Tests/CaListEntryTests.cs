using Aquila.Cli.Commands;
using Aquila.Security.Pki;

namespace Aquila.Cli.Tests;

public sealed class CaListEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static IssuedCertificateRecord Issued(string serial, DateTimeOffset notAfter, string subject = "CN=RS-node-1, OU=node, O=RS") =>
        new(serial, Now.AddDays(-400), notAfter, IsServerCertificate: false, subject);

    [Fact]
    public void A_revoked_certificate_is_listed_as_revoked_even_when_it_has_also_expired()
    {
        var entries = CaListEntry.Build(
            [Issued("AA", Now.AddDays(-1))],
            [new RevokedCertificateRecord("AA", Now.AddDays(-10), System.Security.Cryptography.X509Certificates.X509RevocationReason.KeyCompromise)],
            Now);

        Assert.Equal(CaListEntry.RevokedStatus, entries[0].Status);
        Assert.Equal("key-compromise", entries[0].RevocationReason);
        Assert.Equal(Now.AddDays(-10), entries[0].RevokedAt);
    }

    [Fact]
    public void Certificates_are_valid_until_their_not_after_and_expired_afterwards()
    {
        var entries = CaListEntry.Build([Issued("01", Now.AddDays(1)), Issued("02", Now.AddSeconds(-1))], [], Now);

        Assert.Equal([CaListEntry.ValidStatus, CaListEntry.ExpiredStatus], entries.Select(e => e.Status));
    }

    [Fact]
    public void Party_role_and_name_come_from_the_subject_and_stay_empty_when_it_is_not_an_Aquila_subject()
    {
        var entries = CaListEntry.Build(
            [Issued("01", Now.AddDays(1), "CN=MK-analyst-skopje, OU=analyst, O=MK"), Issued("02", Now.AddDays(1), "CN=somebody else")],
            [],
            Now);

        Assert.Equal(("MK", "analyst", "skopje"), (entries[0].Party, entries[0].Role, entries[0].Name));
        Assert.Equal((null, null, null), (entries[1].Party, entries[1].Role, entries[1].Name));
    }
}
