namespace Aquila.Coordination.Projects;

/// <summary>
/// The coordinator withdraws an invitation (at least two parties remain): in Draft, or in KeyCeremony, where it
/// restarts the ceremony (e.g. for a party that never joins). Refused from Open on.
/// </summary>
public sealed record UninviteParty(string Party) : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "withdraw an invitation";

    /// <inheritdoc/>
    public override string Name => "party.uninvite";
}
