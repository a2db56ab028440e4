using System.Reflection;
using System.Security.Cryptography;
using Aquila.Security.Ceremony;

namespace Aquila.Security.Tests.Ceremony;

/// <summary>
/// The relay holds only the messages it carried (<see cref="CeremonyRun.RelayLog"/>) and its own coordinator
/// certificate. Nothing it can compute from them is the project key, and no API turns messages into a key.
/// </summary>
public sealed class RelayKnowledgeTests(CeremonyPki pki) : IClassFixture<CeremonyPki>
{
    [Fact]
    public void The_project_key_appears_in_no_message_the_relay_carried()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(6));

        var key = run.RunHonestly()["AL"].Key.ToArray();

        Assert.All(run.RelayLog, message => Assert.Equal(-1, message.AsSpan().IndexOf(key.AsSpan(0, 8))));
    }

    [Fact]
    public void Key_derivations_over_everything_the_relay_saw_do_not_give_the_project_key()
    {
        using var run = new CeremonyRun(pki, CeremonyRun.FirstParties(4));
        var key = run.RunHonestly()["AL"].Key.ToArray();
        var view = RelayView.From(run.RelayLog);

        var candidates = new List<byte[]>
        {
            ProjectKeyFrom(view.Transcript, view.SealedSharesInRosterOrder),
            ProjectKeyFrom(view.Transcript, view.CeremonyKeysInRosterOrder),
            ProjectKeyFrom(view.Transcript, [.. run.RelayLog.SelectMany(m => m)]),
            ProjectKeyFrom(view.Transcript, view.Transcript),
            ProjectKeyFrom(view.Transcript, view.ConfirmationTags),
        };

        Assert.Equal(run["AL"].Fingerprint, CeremonyTranscript.Fingerprint(view.Transcript)); // the relay does know the public transcript
        Assert.All(candidates, candidate => Assert.NotEqual(key, candidate));
    }

    [Fact]
    public void The_relay_cannot_add_itself_to_the_roster_with_its_coordinator_certificate()
    {
        using var run = new CeremonyRun(pki, ["BA", "RS"]);
        var registrations = CeremonyRun.ParseRegistrations(run.Registrations());
        var coordinator = pki.Issue(pki.Project, "PCC", PartyRole.Coordinator);
        var relayKey = RandomNumberGenerator.GetBytes(32);
        registrations.Add(MaliciousRosterTests.SignedBy(coordinator, run.Invitation.ProjectId, "PCC", relayKey));

        var failure = Assert.Throws<CeremonyException>(() => run["BA"].AcceptRoster(registrations));

        Assert.Equal((CeremonyFailureKind.WrongParty, "PCC"), (failure.Kind, failure.Party));
    }

    [Fact]
    public void Only_a_participant_finishing_the_ceremony_can_produce_a_project_key()
    {
        var assembly = typeof(CeremonyParticipant).Assembly;

        var producers = assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(ProjectKeyResult))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.Equal(["CeremonyParticipant.Finish"], producers);
        Assert.Empty(typeof(ProjectKeyResult).GetConstructors());
    }

    [Fact]
    public void A_participant_exposes_no_share_or_private_key()
    {
        var byteProperties = typeof(CeremonyParticipant).GetProperties()
            .Where(p => p.PropertyType == typeof(byte[]) || p.PropertyType == typeof(ReadOnlySpan<byte>) || p.PropertyType == typeof(ReadOnlyMemory<byte>))
            .Select(p => p.Name);

        Assert.Equal(["TranscriptHash"], byteProperties);
    }

    private static byte[] ProjectKeyFrom(byte[] transcript, byte[] material) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, material, 32, transcript, "aquila-project-key"u8.ToArray());

    /// <summary>What the relay can reconstruct from the bytes it carried.</summary>
    private sealed record RelayView(byte[] Transcript, byte[] CeremonyKeysInRosterOrder, byte[] SealedSharesInRosterOrder, byte[] ConfirmationTags)
    {
        public static RelayView From(IEnumerable<byte[]> log)
        {
            var registrations = new List<Registration>();
            var envelopes = new List<ShareEnvelope>();
            var tags = new List<ConfirmationTag>();
            foreach (var message in log)
            {
                switch (message[0])
                {
                    case (byte)'R': registrations.Add(Registration.Parse(message)); break;
                    case (byte)'S': envelopes.Add(ShareEnvelope.Parse(message)); break;
                    default: tags.Add(ConfirmationTag.Parse(message)); break;
                }
            }

            var roster = registrations.OrderBy(r => r.Party, StringComparer.Ordinal)
                .Select(r => new RosterEntry(r.Party, r.CeremonyPublicKey.ToArray(), r.CertificateHash)).ToList();
            var transcript = CeremonyTranscript.Hash(registrations[0].ProjectId, roster);
            var first = roster[0].Party;
            return new RelayView(
                transcript,
                [.. roster.SelectMany(e => e.CeremonyPublicKey.ToArray())],
                [.. envelopes.Where(e => e.To == first || e.From == first).OrderBy(e => e.From, StringComparer.Ordinal).SelectMany(e => e.SealedShare.ToArray())],
                [.. tags.SelectMany(t => t.Tag.ToArray())]);
        }
    }
}
