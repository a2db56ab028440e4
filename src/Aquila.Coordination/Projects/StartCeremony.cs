namespace Aquila.Coordination.Projects;

/// <summary>The coordinator starts the key ceremony (Draft → KeyCeremony); the roster is fixed from then on.</summary>
public sealed record StartCeremony : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "start the key ceremony";

    /// <inheritdoc/>
    public override string Name => "ceremony.start";
}
