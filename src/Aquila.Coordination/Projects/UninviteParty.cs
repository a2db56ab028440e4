namespace Aquila.Coordination.Projects;

/// <summary>The coordinator withdraws an invitation (Draft only; at least two parties remain).</summary>
public sealed record UninviteParty(string Party) : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "withdraw an invitation";

    /// <inheritdoc/>
    public override string Name => "party.uninvite";
}
