using Aquila.Security.Ceremony;

namespace Aquila.Security.Tests.Ceremony;

/// <summary>
/// One ceremony among honest participants over an in-memory relay. The relay only ever holds bytes
/// (<see cref="RelayLog"/>); tests play a malicious relay by changing those bytes between the steps.
/// </summary>
public sealed class CeremonyRun : IDisposable
{
    private readonly Dictionary<string, CeremonyParticipant> _participants = new(StringComparer.Ordinal);

    public CeremonyRun(CeremonyPki pki, IReadOnlyList<string> parties, string projectId = "aquila-2026-01")
    {
        Invitation = new CeremonyInvitation(projectId, parties);
        foreach (var party in Invitation.Parties)
        {
            _participants[party] = new CeremonyParticipant(Invitation, pki.Node(party), pki.Check);
        }
    }

    public CeremonyInvitation Invitation { get; }

    /// <summary>Every message the relay has carried, as bytes.</summary>
    public List<byte[]> RelayLog { get; } = [];

    public CeremonyParticipant this[string party] => _participants[party];

    public IEnumerable<CeremonyParticipant> Participants => _participants.Values;

    public static List<string> FirstParties(int count) => [.. CeremonyPki.Parties.Take(count)];

    /// <summary>Each participant publishes its registration; returns them as the relay holds them.</summary>
    public List<byte[]> Registrations() => Record(Participants.Select(p => p.CreateRegistration().ToBytes()));

    public static List<Registration> ParseRegistrations(IEnumerable<byte[]> messages) => [.. messages.Select(m => Registration.Parse(m))];

    public void AcceptRoster(IEnumerable<byte[]> registrations)
    {
        var list = registrations.ToList();
        foreach (var participant in Participants)
        {
            participant.AcceptRoster(ParseRegistrations(list));
        }
    }

    /// <summary>Every participant's sealed shares, as the relay holds them.</summary>
    public List<byte[]> Shares() => Record(Participants.SelectMany(p => p.CreateShares()).Select(e => e.ToBytes()));

    /// <summary>What the relay routes to <paramref name="party"/>: the envelopes whose recipient field names it.</summary>
    public static List<ShareEnvelope> RoutedTo(string party, IEnumerable<byte[]> envelopes) =>
        [.. envelopes.Select(m => ShareEnvelope.Parse(m)).Where(e => e.To == party)];

    public void AcceptShares(IEnumerable<byte[]> envelopes)
    {
        var list = envelopes.ToList();
        foreach (var participant in Participants)
        {
            participant.AcceptShares(RoutedTo(participant.Party, list));
        }
    }

    public List<byte[]> Confirmations() => Record(Participants.Select(p => p.CreateConfirmation().ToBytes()));

    public static List<ConfirmationTag> ParseConfirmations(IEnumerable<byte[]> messages) => [.. messages.Select(m => ConfirmationTag.Parse(m))];

    public Dictionary<string, ProjectKeyResult> Finish(IEnumerable<byte[]> confirmations)
    {
        var list = confirmations.ToList();
        return Participants.ToDictionary(p => p.Party, p => p.Finish(ParseConfirmations(list)));
    }

    /// <summary>The whole ceremony with an honest relay.</summary>
    public Dictionary<string, ProjectKeyResult> RunHonestly()
    {
        AcceptRoster(Registrations());
        AcceptShares(Shares());
        return Finish(Confirmations());
    }

    /// <summary>Runs up to and including the share step with an honest relay.</summary>
    public void RunToConfirmation()
    {
        AcceptRoster(Registrations());
        AcceptShares(Shares());
    }

    public void Dispose()
    {
        foreach (var participant in Participants)
        {
            participant.Dispose();
        }
    }

    private List<byte[]> Record(IEnumerable<byte[]> messages)
    {
        var list = messages.ToList();
        RelayLog.AddRange(list);
        return list;
    }
}
