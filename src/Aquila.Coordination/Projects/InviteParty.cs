namespace Aquila.Coordination.Projects;

/// <summary>
/// The coordinator invites a party: in Draft, or in KeyCeremony, where it restarts the ceremony (a new round, confirmations
/// cleared, relayed messages dropped). Refused from Open on: the project key is fixed.
/// </summary>
public sealed record InviteParty(InvitedParty Party) : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "invite a party";

    /// <inheritdoc/>
    public override string Name => "party.invite";
}
