namespace Aquila.Coordination.Projects;

/// <summary>The coordinator opens the project for data sets (KeyCeremony → Open; every party confirmed the same fingerprint).</summary>
public sealed record OpenProject : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "open the project for submissions";

    /// <inheritdoc/>
    public override string Name => "project.open";
}
