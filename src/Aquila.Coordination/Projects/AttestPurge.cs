namespace Aquila.Coordination.Projects;

/// <summary>A node attests that it purged its own key and handle map (Purged only, once per party).</summary>
public sealed record AttestPurge(string Party) : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "attest the node's purge";

    /// <inheritdoc/>
    public override string Name => "purge.attest";
}
