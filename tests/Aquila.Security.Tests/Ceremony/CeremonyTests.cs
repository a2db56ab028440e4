using System.Text.RegularExpressions;
using Aquila.Security.Ceremony;

namespace Aquila.Security.Tests.Ceremony;

public sealed partial class CeremonyTests(CeremonyPki pki) : IClassFixture<CeremonyPki>
{
    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(11)]
    public void Every_party_ends_with_the_same_key_and_fingerprint(int parties)
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(parties));

        var results = run.RunHonestly();

        var first = results.Values.First();
        Assert.Equal(parties, results.Count);
        Assert.Equal(32, first.Key.Length);
        Assert.Matches(FingerprintPattern(), first.Fingerprint);
        foreach (var result in results.Values)
        {
            Assert.Equal(first.Key.ToArray(), result.Key.ToArray());
            Assert.Equal(first.Fingerprint, result.Fingerprint);
            Assert.Equal(run.Invitation.Parties, result.Parties);
        }
    }

    [Fact]
    public void Every_participant_shows_the_same_fingerprint_before_any_share_is_sent()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(6));

        run.AcceptRoster(run.Registrations());

        Assert.Single(run.Participants.Select(p => p.Fingerprint).Distinct());
    }

    [Fact]
    public void Two_ceremonies_of_one_project_give_different_keys_and_fingerprints()
    {
        using var first = new CeremonyRun(pki, CeremonyRun.FirstParties(3));
        using var second = new CeremonyRun(pki, CeremonyRun.FirstParties(3));

        var a = first.RunHonestly()["AL"];
        var b = second.RunHonestly()["AL"];

        Assert.NotEqual(a.Key.ToArray(), b.Key.ToArray());
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void The_order_in_which_the_relay_delivers_registrations_does_not_matter()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(4));
        var registrations = run.Registrations();

        run["AL"].AcceptRoster(CeremonyRun.ParseRegistrations(registrations));
        run["AT"].AcceptRoster(CeremonyRun.ParseRegistrations(Enumerable.Reverse(registrations)));

        Assert.Equal(run["AL"].Fingerprint, run["AT"].Fingerprint);
    }

    [Fact]
    public void The_roster_carries_each_party_with_its_certificate_fingerprint()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(2));

        run.AcceptRoster(run.Registrations());

        var entry = run["AL"].Roster.Single(e => e.Party == "AT");
        Assert.Equal(pki.Node("AT").GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), entry.CertificateFingerprint);
    }

    [Fact]
    public void A_party_may_include_its_own_confirmation_or_leave_it_out()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(3));
        run.RunToConfirmation();
        var confirmations = run.Confirmations();

        using var withOwn = run["AL"].Finish(CeremonyRun.ParseConfirmations(confirmations));
        using var withoutOwn = run["AT"].Finish(CeremonyRun.ParseConfirmations(confirmations).Where(c => c.Party != "AT").ToList());

        Assert.Equal(withOwn.Key.ToArray(), withoutOwn.Key.ToArray());
    }

    [Fact]
    public void A_coordinator_certificate_cannot_take_part()
    {
        var coordinator = pki.Issue(pki.Project, "PCC", PartyRole.Coordinator);
        var invitation = new CeremonyInvitation("p1", ["PCC", "RS"]);

        Assert.Throws<ArgumentException>(() => new CeremonyParticipant(invitation, coordinator, pki.Check));
    }

    [Fact]
    public void A_party_that_is_not_invited_cannot_take_part()
    {
        var invitation = new CeremonyInvitation("p1", ["BA", "RS"]);

        Assert.Throws<ArgumentException>(() => new CeremonyParticipant(invitation, pki.Node("AL"), pki.Check));
    }

    [Fact]
    public void Shares_cannot_be_made_before_the_roster_is_accepted()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(2));

        Assert.Throws<InvalidOperationException>(() => run["AL"].CreateShares());
    }

    [Fact]
    public void A_participant_that_failed_refuses_to_continue()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(3));
        var registrations = run.Registrations();
        Assert.Throws<CeremonyException>(() => run["AL"].AcceptRoster(CeremonyRun.ParseRegistrations(registrations.Take(2))));

        Assert.Throws<InvalidOperationException>(() => run["AL"].AcceptRoster(CeremonyRun.ParseRegistrations(registrations)));
    }

    [Fact]
    public void A_finished_participant_cannot_finish_again()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(2));
        run.RunToConfirmation();
        var confirmations = CeremonyRun.ParseConfirmations(run.Confirmations());
        using var result = run["AL"].Finish(confirmations);

        Assert.Throws<InvalidOperationException>(() => run["AL"].Finish(confirmations));
    }

    [Fact]
    public void Failure_messages_name_the_party_and_carry_no_key_material()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(3));
        run.AcceptRoster(run.Registrations());
        var shares = run.Shares();
        var toAl = CeremonyRun.RoutedTo("AL", shares);
        var original = toAl[0];
        var altered = original.SealedShare.ToArray();
        altered[0] ^= 1;
        toAl[0] = new ShareEnvelope(original.From, original.To, original.Transcript, original.Nonce, altered);

        var failure = Assert.Throws<CeremonyException>(() => run["AL"].AcceptShares(toAl));

        Assert.Contains(original.From, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(original.SealedShare), failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(original.Nonce), failure.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Disposing_the_result_zeroes_the_key()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(2));
        var result = run.RunHonestly()["AL"];

        result.Dispose();

        Assert.All(result.Key.ToArray(), b => Assert.Equal(0, b));
    }

    [GeneratedRegex("^[0-9A-F]{4}(-[0-9A-F]{4}){7}$")]
    private static partial Regex FingerprintPattern();
}
