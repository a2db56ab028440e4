namespace Aquila.Coordination.Projects;

/// <summary>
/// One key-ceremony message as the coordinator relays it: opaque bytes from one party (from its certificate), to one
/// party for shares (empty otherwise), in one round of the ceremony.
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Round">The ceremony round (<see cref="MatchingProject.CeremonyRound"/>) the message belongs to.</param>
/// <param name="Stage">Registration, share or confirmation.</param>
/// <param name="FromParty">The sending party, from its certificate.</param>
/// <param name="ToParty">The recipient of a share; empty for registrations and confirmations.</param>
/// <param name="Body">The message, opaque to the coordinator (at most <see cref="MaxBodyLength"/> bytes).</param>
/// <param name="Fingerprint">For confirmations, the transcript fingerprint the sender computed; empty otherwise.</param>
public sealed record RelayedCeremonyMessage(
    string ProjectId, int Round, CeremonyMessageStage Stage, string FromParty, string ToParty, byte[] Body, string Fingerprint)
{
    /// <summary>Largest body the relay keeps.</summary>
    public const int MaxBodyLength = 64 * 1024;
}
