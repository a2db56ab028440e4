namespace Aquila.Coordination.Projects;

/// <summary>
/// The coordinator starts the key ceremony (Draft → KeyCeremony), or starts a new round of it in KeyCeremony
/// (confirmations cleared). The roster may still change during the ceremony (each change starts a new round); it is
/// fixed once the project is Open.
/// </summary>
public sealed record StartCeremony : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "start the key ceremony";

    /// <inheritdoc/>
    public override string Name => "ceremony.start";
}
