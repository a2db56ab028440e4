namespace Aquila.Coordination.Projects;

/// <summary>The coordinator closes the project (Matching → Closed).</summary>
public sealed record CloseProject : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "close the project";

    /// <inheritdoc/>
    public override string Name => "project.close";
}
