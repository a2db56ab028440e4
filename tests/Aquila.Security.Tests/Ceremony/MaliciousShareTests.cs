using System.Security.Cryptography;
using Aquila.Security.Ceremony;

namespace Aquila.Security.Tests.Ceremony;

/// <summary>A relay (or a party) that tampers with shares and confirmations: honest nodes fail loudly and name the party.</summary>
public sealed class MaliciousShareTests(CeremonyPki pki) : IClassFixture<CeremonyPki>
{
    private static readonly List<string> ThreeParties = ["BA", "ME", "RS"];

    [Fact]
    public void A_dropped_share_fails_naming_its_sender()
    {
        using var run = Rostered();
        var toBa = CeremonyRun.RoutedTo("BA", run.Shares());
        toBa.RemoveAll(e => e.From == "RS");

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.MissingShare, "RS"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_share_replayed_from_an_earlier_ceremony_of_the_project_is_refused()
    {
        using var earlier = Rostered();
        var old = CeremonyRun.RoutedTo("BA", earlier.Shares()).Single(e => e.From == "ME");
        using var run = Rostered();
        var toBa = CeremonyRun.RoutedTo("BA", run.Shares());
        toBa[toBa.FindIndex(e => e.From == "ME")] = old;

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.TranscriptMismatch, "ME"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_replayed_share_relabelled_with_the_current_transcript_does_not_open()
    {
        using var earlier = Rostered();
        var old = CeremonyRun.RoutedTo("BA", earlier.Shares()).Single(e => e.From == "ME");
        using var run = Rostered();
        var toBa = CeremonyRun.RoutedTo("BA", run.Shares());
        toBa[toBa.FindIndex(e => e.From == "ME")] = new ShareEnvelope("ME", "BA", run["BA"].TranscriptHash, old.Nonce, old.SealedShare);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.BadShare, "ME"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_share_delivered_twice_is_refused_as_replayed()
    {
        using var run = Rostered();
        var toBa = CeremonyRun.RoutedTo("BA", run.Shares());
        toBa.Add(toBa[0]);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.ReplayedShare, toBa[0].From), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_share_delivered_to_the_wrong_recipient_is_refused()
    {
        using var run = Rostered();
        var shares = run.Shares();
        var toBa = CeremonyRun.RoutedTo("BA", shares);
        toBa.Add(CeremonyRun.RoutedTo("RS", shares).Single(e => e.From == "ME"));

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.MisaddressedShare, "ME"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_share_readdressed_to_another_recipient_does_not_open()
    {
        using var run = Rostered();
        var shares = run.Shares();
        var meToRs = CeremonyRun.RoutedTo("RS", shares).Single(e => e.From == "ME");
        var toBa = CeremonyRun.RoutedTo("BA", shares);
        toBa[toBa.FindIndex(e => e.From == "ME")] = new ShareEnvelope("ME", "BA", meToRs.Transcript, meToRs.Nonce, meToRs.SealedShare);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.BadShare, "ME"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_share_with_one_altered_ciphertext_byte_fails_as_bad_share()
    {
        using var run = Rostered();
        var toBa = CeremonyRun.RoutedTo("BA", run.Shares());
        var original = toBa[1];
        var altered = original.SealedShare.ToArray();
        altered[5] ^= 0x01;
        toBa[1] = new ShareEnvelope(original.From, original.To, original.Transcript, original.Nonce, altered);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.BadShare, original.From), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_share_the_relay_made_itself_does_not_open()
    {
        using var run = Rostered();
        var toBa = CeremonyRun.RoutedTo("BA", run.Shares());
        toBa[0] = new ShareEnvelope(toBa[0].From, "BA", run["BA"].TranscriptHash, RandomNumberGenerator.GetBytes(12), RandomNumberGenerator.GetBytes(48));

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal(CeremonyFailureKind.BadShare, failure.Kind);
    }

    [Fact]
    public void A_share_claiming_to_come_from_the_recipient_itself_is_refused()
    {
        using var run = Rostered();
        var toBa = CeremonyRun.RoutedTo("BA", run.Shares());
        toBa.Add(new ShareEnvelope("BA", "BA", toBa[0].Transcript, toBa[0].Nonce, toBa[0].SealedShare));

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptShares(toBa));

        Assert.Equal((CeremonyFailureKind.UnexpectedParty, "BA"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_party_that_sends_different_shares_to_different_parties_is_caught_by_confirmation()
    {
        using var run = Rostered();
        var ba = run["BA"];
        // BA equivocates: RS gets a share other than the one BA gave ME (and keeps for itself).
        var other = ba.SealShareFor(ba.Roster.Single(e => e.Party == "RS"), RandomNumberGenerator.GetBytes(32));
        var all = run.Participants.SelectMany(p => p.CreateShares()).Where(e => !(e.From == "BA" && e.To == "RS")).Append(other).ToList();
        foreach (var participant in run.Participants)
        {
            participant.AcceptShares([.. all.Where(e => e.To == participant.Party)]);
        }

        var confirmations = run.Participants.Select(p => p.CreateConfirmation()).ToList();

        var failure = Assert.Throws<CeremonyException>(() => run["ME"].Finish(confirmations));

        Assert.Equal((CeremonyFailureKind.BadConfirmation, "RS"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void An_altered_confirmation_tag_is_detected()
    {
        using var run = Confirming(out var confirmations);
        var original = confirmations[2];
        var tag = original.Tag.ToArray();
        tag[0] ^= 0x80;
        confirmations[2] = new ConfirmationTag(original.Party, original.Transcript, tag);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].Finish(confirmations));

        Assert.Equal((CeremonyFailureKind.BadConfirmation, "RS"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_confirmation_the_relay_replays_from_an_earlier_ceremony_is_detected()
    {
        using var earlier = Confirming(out var old);
        using var run = Confirming(out var confirmations);
        confirmations[1] = old[1];

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].Finish(confirmations));

        Assert.Equal((CeremonyFailureKind.TranscriptMismatch, "ME"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_withheld_confirmation_fails_naming_the_party()
    {
        using var run = Confirming(out var confirmations);
        confirmations.RemoveAt(1);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].Finish(confirmations));

        Assert.Equal((CeremonyFailureKind.MissingConfirmation, "ME"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void A_confirmation_delivered_twice_is_refused()
    {
        using var run = Confirming(out var confirmations);
        confirmations.Add(confirmations[1]);

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].Finish(confirmations));

        Assert.Equal((CeremonyFailureKind.DuplicateParty, "ME"), (failure.Kind, failure.Party));
    }

    private CeremonyRun Rostered()
    {
        var run = new CeremonyRun(pki, ThreeParties);
        run.AcceptRoster(run.Registrations());
        return run;
    }

    private CeremonyRun Confirming(out List<ConfirmationTag> confirmations)
    {
        var run = new CeremonyRun(pki, ThreeParties);
        run.RunToConfirmation();
        confirmations = CeremonyRun.ParseConfirmations(run.Confirmations());
        return run;
    }
}
