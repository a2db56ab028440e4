namespace Aquila.Coordination.Projects;

/// <summary>The coordinator invites a party (Draft only).</summary>
public sealed record InviteParty(InvitedParty Party) : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "invite a party";

    /// <inheritdoc/>
    public override string Name => "party.invite";
}
