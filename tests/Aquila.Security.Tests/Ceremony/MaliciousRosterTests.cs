using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Ceremony;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Aquila.Security.Tests.Ceremony;

/// <summary>A relay that tampers with registrations: every honest node refuses the roster and names the party.</summary>
public sealed class MaliciousRosterTests(CeremonyPki pki) : IClassFixture<CeremonyPki>
{
    private static readonly List<string> ThreeParties = ["BA", "ME", "RS"];

    [Fact]
    public void Swapping_a_ceremony_public_key_for_the_relays_own_breaks_the_signature()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        var relayKey = new X25519PrivateKeyParameters(new SecureRandom()).GeneratePublicKey().GetEncoded();
        var victim = registrations[1];
        registrations[1] = new Registration(victim.ProjectId, victim.Party, relayKey, victim.Certificate, victim.Signature);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.BadSignature, failure.Kind);
        Assert.Equal("ME", failure.Party);
        Assert.Contains("ME", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_swapped_key_signed_with_another_partys_certificate_is_refused_as_wrong_party()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        var relayKey = new X25519PrivateKeyParameters(new SecureRandom()).GeneratePublicKey().GetEncoded();
        registrations[1] = SignedBy(pki.Node("RS"), run.Invitation.ProjectId, "ME", relayKey);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.WrongParty, failure.Kind);
        Assert.Equal("ME", failure.Party);
    }

    [Fact]
    public void A_registration_signed_with_an_analyst_certificate_of_the_party_is_refused_as_wrong_party()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        var analyst = pki.Issue(pki.Project, "ME", PartyRole.Analyst);
        registrations[1] = SignedBy(analyst, run.Invitation.ProjectId, "ME", registrations[1].CeremonyPublicKey);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.WrongParty, failure.Kind);
    }

    [Fact]
    public void A_registration_certified_by_another_CA_is_untrusted()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        var forged = pki.Issue(pki.Foreign, "ME", PartyRole.Node);
        registrations[1] = SignedBy(forged, run.Invitation.ProjectId, "ME", registrations[1].CeremonyPublicKey);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.UntrustedCertificate, failure.Kind);
        Assert.Equal("ME", failure.Party);
    }

    [Fact]
    public void A_sock_puppet_party_certified_by_another_CA_is_untrusted()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        registrations.Add(SockPuppet(pki.Issue(pki.Foreign, "XK", PartyRole.Node), run.Invitation.ProjectId));

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.UntrustedCertificate, failure.Kind);
        Assert.Equal("XK", failure.Party);
    }

    [Fact]
    public void A_sock_puppet_party_with_a_valid_node_certificate_is_refused_because_it_was_not_invited()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        registrations.Add(SockPuppet(pki.Node("XK"), run.Invitation.ProjectId));

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.UnexpectedParty, failure.Kind);
        Assert.Equal("XK", failure.Party);
    }

    [Fact]
    public void A_second_registration_of_an_invited_party_is_refused_as_duplicate()
    {
        using var earlier = new CeremonyRun(pki, ThreeParties);
        var old = CeremonyRun.ParseRegistrations(earlier.Registrations());
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        registrations.Add(old[2]);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.DuplicateParty, failure.Kind);
        Assert.Equal("RS", failure.Party);
    }

    [Fact]
    public void A_dropped_registration_fails_naming_the_missing_party()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        registrations.RemoveAt(2);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.MissingParty, failure.Kind);
        Assert.Equal("RS", failure.Party);
    }

    [Fact]
    public void A_registration_for_another_project_is_refused()
    {
        using var other = new CeremonyRun(pki, ThreeParties, projectId: "another-project");
        var foreign = CeremonyRun.ParseRegistrations(other.Registrations());
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        registrations[1] = foreign[1];

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.WrongProject, failure.Kind);
        Assert.Equal("ME", failure.Party);
    }

    [Fact]
    public void A_participant_whose_own_registration_was_replaced_by_an_old_one_refuses_the_roster()
    {
        using var earlier = new CeremonyRun(pki, ThreeParties);
        var old = CeremonyRun.ParseRegistrations(earlier.Registrations());
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        registrations[0] = old[0];

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.SwappedKey, failure.Kind);
        Assert.Equal("BA", failure.Party);
    }

    [Fact]
    public void A_low_order_ceremony_key_is_refused_even_when_properly_signed()
    {
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        registrations[1] = SignedBy(pki.Node("ME"), run.Invitation.ProjectId, "ME", new byte[32]);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal(CeremonyFailureKind.InvalidKey, failure.Kind);
        Assert.Equal("ME", failure.Party);
    }

    [Fact]
    public void Two_participants_shown_different_rosters_see_different_fingerprints_and_refuse_each_others_shares()
    {
        using var earlier = new CeremonyRun(pki, ThreeParties);
        var old = CeremonyRun.ParseRegistrations(earlier.Registrations());
        using var run = new CeremonyRun(pki, ThreeParties);
        var registrations = run.Registrations();
        run["BA"].AcceptRoster(CeremonyRun.ParseRegistrations(registrations));
        run["RS"].AcceptRoster(CeremonyRun.ParseRegistrations(registrations));
        var split = CeremonyRun.ParseRegistrations(registrations);
        split[0] = old[0]; // ME is shown BA's registration from an earlier run of the ceremony
        run["ME"].AcceptRoster(split);
        var shares = run.Shares();

        var atBa = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(CeremonyRun.RoutedTo("BA", shares)));
        var atMe = Assert.Throws<CeremonyException>(() => run["ME"].AcceptShares(CeremonyRun.RoutedTo("ME", shares)));

        Assert.NotEqual(run["BA"].Fingerprint, run["ME"].Fingerprint);
        Assert.Equal(run["BA"].Fingerprint, run["RS"].Fingerprint);
        Assert.Equal((CeremonyFailureKind.TranscriptMismatch, "ME"), (atBa.Kind, atBa.Party));
        Assert.Equal((CeremonyFailureKind.TranscriptMismatch, "BA"), (atMe.Kind, atMe.Party));
    }

    /// <summary>A registration made with <paramref name="certificate"/>'s key, claiming <paramref name="party"/>.</summary>
    internal static Registration SignedBy(X509Certificate2 certificate, string projectId, string party, ReadOnlySpan<byte> ceremonyKey)
    {
        using var key = certificate.GetECDsaPrivateKey()!;
        var signed = Registration.SignedData(projectId, party, ceremonyKey, SHA256.HashData(certificate.RawData));
        var signature = key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new Registration(projectId, party, ceremonyKey, certificate.RawData, signature);
    }

    /// <summary>A correctly made registration of a party the relay invited only in its own copy of the invitation.</summary>
    private Registration SockPuppet(X509Certificate2 certificate, string projectId)
    {
        var invitation = new CeremonyInvitation(projectId, ["BA", "ME", "RS", "XK"]);
        using var puppet = new CeremonyParticipant(invitation, certificate, pki.Check);
        return puppet.CreateRegistration();
    }
}
